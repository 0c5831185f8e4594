import { test, expect, signInAs } from './support/fixtures';

test('a trainer opens a scenario from the list and reads its graph, outline and shortest path', async ({
	page,
	baseURL
}) => {
	await signInAs(page.context(), baseURL!, 'trainer1');
	await page.goto('/scenarios');
	await page.getByRole('link', { name: '"Is your company about to go bankrupt?"' }).click();
	await expect(page).toHaveURL(/\/scenarios\/rude-call$/);
	await expect(
		page.getByRole('heading', { level: 1, name: '"Is your company about to go bankrupt?"' })
	).toBeVisible();
	await expect(page.getByText('Rude caller', { exact: true })).toBeVisible();
	await expect(page.getByText('2 of 3', { exact: true })).toBeVisible();
	await expect(page.getByText('Mr Zheng: hostile, mood 25 of 100 at the start')).toBeVisible();
	await expect(page.getByText('Expediting and rebooking the delivery')).toBeVisible();
	await expect(page.getByText(/Version 1, published .* from the library files/)).toBeVisible();

	// The graph: every state drawn as a node, named in words, endings saying how they end.
	const graph = page.getByRole('region', { name: 'Scenario graph' });
	await expect(graph.locator('.svelte-flow__node')).toHaveCount(11);
	await expect(graph.getByRole('button', { name: /^State 1\. Start\. / })).toBeVisible();
	await expect(graph.getByRole('button', { name: /^Ending: Resolved\. Ending\. / })).toHaveCount(1);
	await expect(graph.getByText('Green: resolved')).toBeVisible();
	// Demo history has attempts on this version: counts are shown on the graph.
	await expect(page.getByText(/Attempts on record: \d+, finished: \d+/)).toBeVisible();
	await expect(graph.getByText(/Attempts that ended here: [1-9]/).first()).toBeAttached();

	// The outline says the same in text, transitions in order.
	const outline = page.locator('section', {
		has: page.getByRole('heading', { name: 'Outline of the conversation' })
	});
	await expect(outline.getByRole('heading', { name: 'State 1 · Start' })).toBeVisible();
	await expect(
		outline.getByText('otherwise → goes to Ending: Escalated to a supervisor').first()
	).toBeVisible();
	await expect(outline).not.toContainText(/still_angry|hung_up|#\d/);

	// The shortest path to an ending: three replies, three edges drawn thick, three outline lines.
	await expect(graph.locator('.svelte-flow__edge-path.highlighted')).toHaveCount(0);
	await page.getByLabel('Show the shortest path to').selectOption({ label: 'Ending: Resolved' });
	await expect(page.getByText('Fewest replies to reach “Ending: Resolved”: 3.')).toBeVisible();
	await expect(graph.locator('.svelte-flow__edge-path.highlighted')).toHaveCount(3);
	await expect(outline.locator('li.on-path')).toHaveCount(3);

	// Keyboard: a state takes focus and Enter selects it.
	const start = graph.getByRole('button', { name: /^State 1\. Start\. / });
	await start.focus();
	await expect(start).toBeFocused();
	await page.keyboard.press('Enter');
	const chosen = page.locator('.selected');
	await expect(chosen.getByRole('heading', { name: 'Selected state' })).toBeVisible();
	await expect(chosen).toContainText('Is your company about to go bankrupt?');
	await expect(graph.getByRole('button', { name: /^State 1\. Start\. .*selected$/ })).toBeVisible();
});

test('the path can be asked for in the address, and a version it does not have is a 404', async ({
	page,
	baseURL
}) => {
	await signInAs(page.context(), baseURL!, 'admin1');
	await page.goto('/scenarios/rude-call?to=hung_up');
	await expect(
		page.getByText('Fewest replies to reach “Ending: Customer hung up”: 1.')
	).toBeVisible();
	const missing = await page.goto('/scenarios/rude-call?version=7');
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: /^404/ })).toBeVisible();
	const bad = await page.goto('/scenarios/rude-call?version=first');
	expect(bad?.status()).toBe(400);
});

test('GET /api/scenarios/:key gives the graph with plain-language labels', async ({
	request,
	baseURL,
	context
}) => {
	await signInAs(context, baseURL!, 'trainer1');
	const cookies = await context.cookies();
	const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
	const response = await request.get('/api/scenarios/rude-call', { headers });
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body).toMatchObject({
		key: 'rude-call',
		version: 1,
		versions: [{ version: 1, publishedBy: null }],
		graph: { start: 'opening' }
	});
	expect(body.graph.states).toHaveLength(11);
	expect(body.graph.outcomes.map((o: { outcome: string }) => o.outcome).sort()).toEqual([
		'customer_hung_up',
		'escalated_public',
		'escalated_supervisor',
		'resolved'
	]);
	const labels = body.graph.edges.map((e: { label: { en: string; zh: string } }) => e.label);
	expect(labels).toContainEqual({
		en: 'if the reply shows “Brush-off”',
		zh: '如果回复出现“敷衍了事”'
	});
	for (const label of labels) {
		expect(label.en).toMatch(/^(if |otherwise$)/);
		expect(label.en).not.toMatch(/[{}]|violation|atLeast|brush_off/);
		expect(label.zh).toMatch(/^(如果|其他情况$)/);
	}
	const resolved = body.graph.outcomes.find((o: { outcome: string }) => o.outcome === 'resolved');
	expect(resolved.shortestPath).toHaveLength(3);

	const unknown = await request.get('/api/scenarios/no-such-scenario', { headers });
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toMatchObject({ message: 'There is no scenario with that name.' });
	const noVersion = await request.get('/api/scenarios/rude-call?version=9', { headers });
	expect(noVersion.status()).toBe(404);
	expect(await noVersion.json()).toMatchObject({ message: 'This scenario has no version 9.' });
	const badVersion = await request.get('/api/scenarios/rude-call?version=0', { headers });
	expect(badVersion.status()).toBe(400);
});

test('a trainee is refused the page and the endpoint', async ({ page, baseURL, request }) => {
	await signInAs(page.context(), baseURL!, 'trainee1');
	const refused = await page.goto('/scenarios/rude-call');
	expect(refused?.status()).toBe(403);
	const cookies = await page.context().cookies();
	const api = await request.get('/api/scenarios/rude-call', {
		headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') }
	});
	expect(api.status()).toBe(403);
});
