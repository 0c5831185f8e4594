import { count, desc, eq } from 'drizzle-orm';
import { criterionNames, edgeLabel, type ActiveState } from '../src/lib/engine/scenario';
import { getDb } from '../src/lib/server/db';
import { attempts, rubricVersions, scenarioVersions } from '../src/lib/server/db/schema';
import * as studio from '../src/lib/server/studio';
import * as users from '../src/lib/server/users';
import { test, expect, freshUser, signInAs } from './support/fixtures';

const KEY = 'missed-appointment';

function published() {
	const db = getDb();
	const version = db
		.select()
		.from(scenarioVersions)
		.where(eq(scenarioVersions.key, KEY))
		.orderBy(desc(scenarioVersions.version))
		.get()!;
	const rubric = db
		.select()
		.from(rubricVersions)
		.where(eq(rubricVersions.key, version.rubricKey))
		.orderBy(desc(rubricVersions.version))
		.get()!;
	return { version, names: criterionNames(rubric.document) };
}

/** A draft copied from the published scenario, by trainer1, straight in the test database. */
function draftCopy(source?: string) {
	const trainer = users.getByUsername('trainer1')!;
	const actor = { id: trainer.id, role: trainer.role };
	const draft = studio.create(actor, { kind: 'copy', versionId: published().version.id });
	if (source) studio.save(actor, draft.id, { source, revision: draft.revision });
	return draft.id;
}

/** One person's attempts: other workers' tests start attempts of their own meanwhile. */
const attemptsOf = (userId: number) =>
	getDb().select({ n: count() }).from(attempts).where(eq(attempts.userId, userId)).get()!.n;

test('a trainer plays a draft copy to its ending with the reference replies, each branch explained', async ({
	page,
	baseURL
}) => {
	const id = draftCopy();
	const { version, names } = published();
	const scenario = version.document;
	// Another trainer previews trainer1's draft: nobody else signs in as them.
	const trainer = await freshUser('trainer');
	await signInAs(page.context(), baseURL!, trainer.username);
	await page.goto(`/scenarios/drafts/${id}/preview`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Preview: ${scenario.title.en}`);
	const start = scenario.states[scenario.start] as ActiveState;
	await expect(page.locator('.transcript')).toContainText(start.customer[0].en);

	let state = start;
	for (let turn = 1; turn <= scenario.maxTurns; turn++) {
		const best = state.on.find((t) => t.best)!;
		await page.getByLabel('Your reply').fill(state.ideal.en);
		await page.getByRole('button', { name: 'Send' }).click();
		const branch = page.getByRole('group', { name: 'Branch taken' }).nth(turn - 1);
		await expect(branch).toContainText(edgeLabel(best.guard, names).en);
		await expect(branch).toContainText('the reference path');
		await expect(branch).toContainText(/Customer mood: \d+ → \d+ \(\+\d+\)/);
		// The feedback the practice page shows, with its score, beside the branch.
		await expect(page.locator('.trainee').nth(turn - 1)).toContainText('Score 100');
		const next = scenario.states[best.to];
		if (next.final) {
			await expect(page.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();
			await expect(page.locator('.ended')).toContainText('Outcome: Resolved');
			await expect(page.locator('.ended')).toContainText(next.text.en);
			break;
		}
		state = next;
		await expect(page.locator('.transcript > li.customer').last()).toContainText(
			state.customer[0].en
		);
	}
	await expect(page.getByLabel('Your reply')).toHaveCount(0);
	// Every criterion explained, on request.
	await page.getByText('Why: every criterion explained').first().click();
	const promise = page.locator('.criterion').filter({ hasText: 'Promise beyond authority' });
	await expect(promise.first().locator('.verdict')).toHaveText('not raised');
	// A preview is not an attempt.
	expect(attemptsOf(trainer.id)).toBe(0);
});

test('the preview restarts from any state by its customer line, mood and turn', async ({
	page,
	baseURL
}) => {
	const id = draftCopy();
	const scenario = published().version.document;
	const fuming = scenario.states.fuming as ActiveState;
	await signInAs(page.context(), baseURL!, 'trainer1');
	await page.goto(`/scenarios/drafts/${id}/preview`);
	await page.getByLabel('Your reply').fill('Please wait.');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('group', { name: 'Branch taken' })).toHaveCount(1);

	await page.getByLabel('The customer says').selectOption({ label: fuming.customer[0].en });
	await expect(page.getByLabel('Replies already given')).toHaveValue('1');
	await page.getByLabel('Customer mood (0–100)').fill('8');
	await page.getByRole('button', { name: 'Restart here' }).click();
	await expect(page).toHaveURL(/state=fuming/);
	await expect(page.getByRole('group', { name: 'Branch taken' })).toHaveCount(0);
	await expect(page.locator('.transcript')).toContainText(fuming.customer[0].en);
	await page.getByLabel('Your reply').fill('You people are useless, shut up.');
	await page.getByRole('button', { name: 'Send' }).click();
	const branch = page.getByRole('group', { name: 'Branch taken' });
	await expect(branch).toContainText('if the reply has a critical problem');
	await expect(branch).toContainText('Customer mood: 8 → 0 (-8)');
	await expect(page.locator('.ended')).toContainText('Outcome: Escalated to a supervisor');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('a reply is scored and the next one continues from where it led', async ({
		page,
		baseURL
	}) => {
		const id = draftCopy();
		const scenario = published().version.document;
		await signInAs(page.context(), baseURL!, 'trainer1');
		await page.goto(`/scenarios/drafts/${id}/preview`);
		const opening = scenario.states.opening as ActiveState;
		await page.getByLabel('Your reply').fill(opening.ideal.en);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('group', { name: 'Branch taken' })).toContainText(
			'the reference path'
		);
		await page.getByLabel('Your reply').fill((scenario.states.where_is_he as ActiveState).ideal.en);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('group', { name: 'Branch taken' })).toContainText(
			'“Ownership and time”'
		);
	});
});

test('a draft that does not load shows its problems and sends the trainer to the editor', async ({
	page,
	baseURL
}) => {
	const source = published().version.source.replace('to: where_is_he', 'to: nowhere');
	const id = draftCopy(source);
	await signInAs(page.context(), baseURL!, 'trainer1');
	await page.goto(`/scenarios/drafts/${id}/preview`);
	await expect(page.getByRole('heading', { name: 'This draft does not load' })).toBeVisible();
	await expect(page.getByText('unknown state "nowhere"')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Fix them in the editor' })).toHaveAttribute(
		'href',
		`/scenarios/drafts/${id}`
	);
	await expect(page.getByLabel('Your reply')).toHaveCount(0);
});

test('the sandbox explains a rude reply, every criterion in plain words', async ({
	page,
	baseURL
}) => {
	await signInAs(page.context(), baseURL!, 'trainer1');
	await page.goto('/scenarios/sandbox');
	await page.getByLabel('Reply').fill('You people are idiots, read the manual yourself.');
	await page.getByRole('button', { name: 'Score' }).click();
	await expect(page.getByRole('heading', { name: 'Score: 0' })).toBeVisible();
	const disrespect = page.locator('.criterion').filter({ hasText: 'Disrespect' });
	await expect(disrespect.locator('.verdict')).toHaveText('raised');
	await expect(disrespect).toContainText('The rules found “You people are idiots”');
	await expect(disrespect).toContainText('A decisive rule found it');
	await expect(disrespect).toContainText("the reply's score is capped at 20");
	await expect(page.locator('.criterion')).toHaveCount(13);
	await expect(page.locator('.criterion').filter({ hasText: 'Slang and fillers' })).toContainText(
		'Nothing in the reply matches it.'
	);
	await expect(page.locator('.bubble mark.bad').first()).toBeVisible();
	await expect(page.locator('ol.evidence')).toContainText(
		'You people are idiots — was disrespectful to the customer'
	);
	// The reply stays in the box, to change and score again.
	await expect(page.getByLabel('Reply')).toHaveValue(
		'You people are idiots, read the manual yourself.'
	);
});

test('a trainee may not preview or use the sandbox', async ({ page, baseURL, request }) => {
	const id = draftCopy();
	await signInAs(page.context(), baseURL!, 'trainee1');
	for (const path of [
		`/scenarios/drafts/${id}/preview`,
		'/scenarios/sandbox',
		`/scenarios/${KEY}/preview`
	]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	const cookies = await page.context().cookies();
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const posted = await request.post(`/scenarios/drafts/${id}/preview?/reply`, {
		headers: { cookie, origin: baseURL!, accept: 'text/html' },
		form: { state: 'opening', mood: '40', turn: '0', seed: '0', text: 'Hello' },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(403);
});
