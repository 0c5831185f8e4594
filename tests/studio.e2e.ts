import fs from 'node:fs';
import type { Page } from '@playwright/test';
import * as users from '../src/lib/server/users';
import { test, expect, freshUser, sessionTokenFor, signInAs } from './support/fixtures';

const template = fs.readFileSync('scenarios/templates/delivery-delay.yaml', 'utf8');
const editorText = (page: Page) => page.locator('.cm-content');

/** Replaces the whole text of the CodeMirror editor, as a paste would. */
async function replaceSource(page: Page, text: string) {
	await editorText(page).click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.insertText(text);
}

/** A new draft from the delivery-delay template; returns its page URL and source. */
async function newTemplateDraft(page: Page) {
	await page.goto('/scenarios');
	await page.getByRole('link', { name: 'New scenario' }).click();
	await page.getByLabel('A template').check();
	await page
		.getByLabel('Template', { exact: true })
		.selectOption({ label: 'Delivery delay: the washing machine did not arrive' });
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page).toHaveURL(/\/scenarios\/drafts\/\d+$/);
	await expect(page.getByText('No problems found.')).toBeVisible();
	const key = (await page.locator('.meta code').textContent())!.trim();
	return { url: page.url(), key, source: template.replace(/^key:.*$/m, `key: ${key}`) };
}

test('a trainer writes a scenario from a template, sees a located error, saves, publishes and downloads it', async ({
	page,
	context,
	baseURL
}) => {
	await signInAs(context, baseURL!, 'trainer1');
	const draft = await newTemplateDraft(page);

	// The graph, laid out by the server: every state drawn, and drawn again when one is added.
	const graph = page.getByRole('region', { name: 'Scenario graph' });
	await expect(graph.locator('.svelte-flow__node')).toHaveCount(6);
	const laidOut = page.waitForResponse(
		(r) => r.url().endsWith('/layout') && r.request().method() === 'POST' && r.ok()
	);
	await replaceSource(
		page,
		`${draft.source.trimEnd()}\n  extra:\n    outcome: resolved\n    text: { zh: 好, en: Fine }\n`
	);
	await laidOut;
	await expect(graph.locator('.svelte-flow__node')).toHaveCount(7);

	// Break it: a transition to a state that does not exist.
	const broken = draft.source.replace('        to: when\n', '        to: nowhere\n');
	const line = broken.split('\n').findIndex((l) => l === '        to: nowhere') + 1;
	await replaceSource(page, broken);
	const problems = page.getByRole('region', { name: /Problems: 1/ });
	await expect(problems).toBeVisible();
	await expect(problems.getByRole('listitem')).toHaveText(
		new RegExp(`Line ${line}:13\\s+unknown state "nowhere"`)
	);
	await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
	await expect(page.getByText('Unsaved changes')).toBeVisible();

	// Fix it with a real change, save with the keyboard, reload: the draft is as saved.
	await replaceSource(page, draft.source.replace('mood: 45', 'mood: 44'));
	await expect(page.getByText('No problems found.')).toBeVisible();
	await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);

	// The form view writes a title into the YAML, leaving the rest as it was.
	await page.getByRole('button', { name: 'Form' }).click();
	const title = page.getByRole('group', { name: 'Title' }).getByLabel('English');
	await expect(title).toHaveValue('The washing machine promised for yesterday has not arrived');
	await title.fill('The washing machine is a day late');
	await title.press('Tab');
	await page.getByRole('button', { name: 'YAML' }).click();
	await expect(editorText(page)).toContainText('en: The washing machine is a day late');
	await expect(editorText(page)).toContainText('# Studio template');

	await editorText(page).click();
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.getByText(/^Saved at /)).toBeVisible();
	await page.reload();
	await expect(editorText(page)).toContainText('mood: 44');
	await expect(editorText(page)).toContainText('a day late');
	await expect(page.getByText('No problems found.')).toBeVisible();

	// Publish: the checks pass, the diff shows a new scenario, version 1 is made.
	await page.getByRole('link', { name: 'Check and publish' }).click();
	await expect(page.getByText('No problems found.')).toBeVisible();
	await expect(
		page.getByText('A new scenario: nothing has been published under this key yet.')
	).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: 'mood: 44' })).toBeVisible();
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	await expect(page.getByText('Published as version 1.')).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download YAML' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`${draft.key}-v1.yaml`);
	expect(fs.readFileSync((await file.path())!, 'utf8')).toContain('mood: 44');

	// The scenario's page offers a copy into a new draft, which opens in the editor.
	await page.getByRole('link', { name: 'View the scenario' }).click();
	await page.getByRole('button', { name: 'Copy into a new draft' }).click();
	await expect(page).toHaveURL(/\/scenarios\/drafts\/\d+$/);
	await expect(editorText(page)).toContainText(`key: ${draft.key}`);
});

test('a second person saving an older revision is refused with who saved last', async ({
	browser,
	baseURL
}) => {
	const first = await browser.newContext();
	const second = await browser.newContext();
	await signInAs(first, baseURL!, 'trainer1');
	await signInAs(second, baseURL!, 'admin1');
	const trainerPage = await first.newPage();
	const adminPage = await second.newPage();
	const draft = await newTemplateDraft(trainerPage);
	await adminPage.goto(draft.url);
	await expect(adminPage.getByText('No problems found.')).toBeVisible();

	await replaceSource(trainerPage, draft.source.replace('mood: 45', 'mood: 41'));
	await trainerPage.getByRole('button', { name: 'Save' }).click();
	await expect(trainerPage.getByText(/^Saved at /)).toBeVisible();

	await replaceSource(adminPage, draft.source.replace('mood: 45', 'mood: 42'));
	await adminPage.getByRole('button', { name: 'Save' }).click();
	const trainerName = users.getByUsername('trainer1')!.displayName;
	await expect(adminPage.getByRole('alert')).toContainText(
		`Not saved: ${trainerName} saved this draft at`
	);
	await expect(adminPage.getByText('Unsaved changes')).toBeVisible();

	await adminPage.reload();
	await expect(editorText(adminPage)).toContainText('mood: 41');
	await first.close();
	await second.close();
});

test('POST /api/scenarios publishes valid YAML and refuses broken YAML with located problems', async ({
	request,
	baseURL
}) => {
	const headers = { cookie: `auth-session=${sessionTokenFor('trainer1')}`, origin: baseURL! };
	const yaml = template.replace(/^key:.*$/m, 'key: api-delivery');

	const created = await request.post('/api/scenarios', { headers, data: { yaml } });
	expect(created.status()).toBe(201);
	expect(await created.json()).toEqual({ key: 'api-delivery', version: 1, created: true });

	const same = await request.post('/api/scenarios', { headers, data: { yaml } });
	expect(same.status()).toBe(200);
	expect(await same.json()).toMatchObject({ version: 1, created: false });

	const broken = yaml
		.replace('key: api-delivery', 'key: api-broken')
		.replace('        to: when\n', '        to: nowhere\n');
	const refused = await request.post('/api/scenarios', { headers, data: { yaml: broken } });
	expect(refused.status()).toBe(400);
	const body = await refused.json();
	expect(body.error).toBe('invalid');
	expect(body.problems).toContainEqual({
		line: broken.split('\n').findIndex((l) => l === '        to: nowhere') + 1,
		column: 13,
		path: 'states.opening.on[1].to',
		message: 'unknown state "nowhere"'
	});
	const list = await request.get('/api/scenarios', { headers });
	const keys = ((await list.json()) as { key: string }[]).map((s) => s.key);
	expect(keys).toContain('api-delivery');
	expect(keys).not.toContain('api-broken');

	const trainee = await request.post('/api/scenarios', {
		headers: { cookie: `auth-session=${sessionTokenFor('trainee1')}`, origin: baseURL! },
		data: { yaml }
	});
	expect(trainee.status()).toBe(403);
});

test('POST /scenarios/drafts/:id/layout gives the graph and its layout, and refuses bad input in the reader language', async ({
	page,
	context,
	request,
	baseURL
}) => {
	await signInAs(context, baseURL!, 'trainer1');
	const draft = await newTemplateDraft(page);
	const url = `${new URL(draft.url).pathname}/layout`;
	const as = (username: string) => ({
		cookie: `auth-session=${sessionTokenFor(username)}`,
		origin: baseURL!
	});

	const laid = await request.post(url, { headers: as('trainer1'), data: { source: draft.source } });
	expect(laid.status()).toBe(200);
	const body = await laid.json();
	expect(body.graph.nodes).toHaveLength(6);
	expect(Object.keys(body.layout.nodes).sort()).toEqual(
		body.graph.nodes.map((n: { id: string }) => n.id).sort()
	);

	const empty = await request.post(url, { headers: as('trainer1'), data: { source: '' } });
	expect(empty.status()).toBe(400);
	expect(await empty.json()).toMatchObject({ message: 'The scenario source is empty.' });
	const unreadable = await request.post(url, {
		headers: as('trainer1'),
		data: { source: 'key: [unclosed' }
	});
	expect(unreadable.status()).toBe(400);
	expect(await unreadable.json()).toMatchObject({ error: 'unreadable' });
	const chinese = await freshUser('trainer');
	users.setLocale(chinese.id, 'zh-CN');
	const zh = await request.post(url, { headers: as(chinese.username), data: {} });
	expect(zh.status()).toBe(400);
	expect((await zh.json()).message).toMatch(/[\u4e00-\u9fff]/);

	const missing = await request.post('/scenarios/drafts/999999/layout', {
		headers: as('trainer1'),
		data: { source: draft.source }
	});
	expect(missing.status()).toBe(404);
	const trainee = await request.post(url, {
		headers: as('trainee1'),
		data: { source: draft.source }
	});
	expect(trainee.status()).toBe(403);
	const elsewhere = await request.post(url, {
		headers: { ...as('trainer1'), origin: 'http://elsewhere.example' },
		data: { source: draft.source }
	});
	expect(elsewhere.status()).toBe(403);
});

test('choosing a state in the graph moves the editor to its YAML, by mouse and by keyboard', async ({
	page,
	context,
	baseURL
}) => {
	await signInAs(context, baseURL!, 'trainer1');
	await newTemplateDraft(page);
	const nodes = page.locator('.svelte-flow__node');
	await expect(nodes).not.toHaveCount(0);
	const ids = await nodes.evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
	// A state other than the start, by mouse: the cursor's line is that state's key.
	const second = nodes.nth(1);
	await second.click();
	await expect(page.locator('.cm-activeLine')).toHaveText(`  ${ids[1]}:`);
	// Another by keyboard: focus it and press Enter.
	const third = page.locator(`.svelte-flow__node[data-id="${ids[2]}"]`);
	await third.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.cm-activeLine')).toHaveText(`  ${ids[2]}:`);
});
