import { desc, eq } from 'drizzle-orm';
import * as attempts from '../src/lib/server/attempts';
import { getDb } from '../src/lib/server/db';
import { rubricVersions } from '../src/lib/server/db/schema';
import * as users from '../src/lib/server/users';
import { test, expect, freshUser, signInAs } from './support/fixtures';
import { session } from './support/ledger';

const newest = () =>
	getDb().select().from(rubricVersions).orderBy(desc(rubricVersions.version)).limit(1).get()!;

// "Appreciate your patience" is no greeting: as one, it credits a labelled reply that has none.
const PHRASE = 'appreciate your patience';

test('a trainer adds a phrase, sees its effect on labelled replies and publishes it', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(90_000);
	const before = newest();
	await signInAs(context, baseURL!, 'trainer1');
	await page.goto('/rubric');
	await page.getByRole('link', { name: /rubric drafts/i }).click();
	await page.getByLabel('What is this draft for? (optional)').fill('Courtesy as a greeting');
	await page.getByRole('button', { name: 'Start a draft from the current rubric' }).click();
	await expect(page).toHaveURL(/\/rubric\/drafts\/\d+$/);
	await expect(page.getByText(`based on version ${before.version}`)).toBeVisible();

	await page.getByLabel('Dimension or violation').selectOption({ label: 'Greeting · 问候' });
	await expect(page).toHaveURL(/c=dimension%3Agreeting/);
	await page.getByRole('radio', { name: /A phrase/ }).check();
	await page.getByRole('radio', { name: 'English' }).check();

	// A pattern is refused, saying which character made it one.
	await page.getByLabel('Phrase', { exact: true }).fill('appreciate (your)? patience');
	await page.getByRole('button', { name: 'Add to Greeting' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'“(” (character 12) makes this look like a pattern'
	);

	await page.getByLabel('Phrase', { exact: true }).fill(PHRASE);
	await page.getByRole('button', { name: 'Add to Greeting' }).click();
	await expect(page.getByRole('status')).toHaveText('Added to the draft.');
	await expect(page.getByText(`Add the English phrase “${PHRASE}” to Greeting`)).toBeVisible();

	await page.getByRole('button', { name: 'See the effect' }).click();
	const figures = page.getByRole('table', {
		name: 'Precision and recall before and after the draft'
	});
	await expect(figures.getByRole('rowheader', { name: 'Greeting' })).toBeVisible();
	await expect(figures.getByRole('rowheader', { name: 'All criteria together' })).toBeVisible();
	const changed = page
		.getByRole('listitem')
		.filter({ hasText: 'appreciate your patience. Your feedback' });
	await expect(changed).toContainText('Greeting: not shown → shown');
	await expect(changed).toContainText('Now disagrees with the labellers.');
	await expect(
		page.getByText(/labelled replies scored; the result changes for \d+ of them/)
	).toBeVisible();

	// Publishing asks for a confirmation first.
	const publish = page.getByRole('button', { name: 'Publish', exact: true });
	const confirm = page.getByLabel(
		`I have checked the effect and want new attempts to use version ${before.version + 1}.`
	);
	await confirm.check();
	await publish.click();
	await expect(page.getByRole('status')).toContainText(
		`Published as version ${before.version + 1}`
	);
	// Published once: the draft is closed to further changes.
	await expect(publish).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Add to Greeting' })).toHaveCount(0);

	const published = newest();
	expect(published.version).toBe(before.version + 1);
	expect(published.publishedBy).toBe(users.getByUsername('trainer1')!.id);
	expect(published.source).toContain(`'${PHRASE}'`);
	expect(published.model).not.toBeNull();
	const trainee = await freshUser('trainee');
	const { attempt } = attempts.start(session(trainee), 'rude-call', 'practice')!;
	expect(attempt.rubricVersionId).toBe(published.id);
	const earlier = getDb()
		.select()
		.from(rubricVersions)
		.where(eq(rubricVersions.id, before.id))
		.get();
	expect(earlier?.source).toBe(before.source);
});

test('rubric drafts are closed to trainees and supervisors', async ({ browser, baseURL }) => {
	for (const username of ['trainee1', 'supervisor1']) {
		const context = await browser.newContext();
		await signInAs(context, baseURL!, username);
		const page = await context.newPage();
		const list = await page.goto('/rubric/drafts');
		expect(list?.status()).toBe(403);
		const one = await page.goto('/rubric/drafts/1');
		expect(one?.status()).toBe(403);
		await page.goto('/rubric');
		await expect(page.getByRole('link', { name: /rubric drafts/i })).toHaveCount(0);
		await context.close();
	}
});

test('a change saved over someone else’s newer save is refused, and the page shows theirs', async ({
	browser,
	baseURL
}) => {
	const pages = [];
	for (const username of ['trainer1', 'admin1']) {
		const context = await browser.newContext();
		await signInAs(context, baseURL!, username);
		pages.push(await context.newPage());
	}
	const [mine, theirs] = pages;
	await mine.goto('/rubric/drafts');
	await mine.getByRole('button', { name: 'Start a draft from the current rubric' }).click();
	await expect(mine).toHaveURL(/\/rubric\/drafts\/\d+$/);
	const url = `${mine.url()}?c=violation%3Adisrespect`;
	await mine.goto(url);
	await theirs.goto(url);
	for (const [page, phrase] of [
		[theirs, 'talk about slow'],
		[mine, 'how dare you ask']
	] as const) {
		await page.getByRole('radio', { name: 'English' }).check();
		await page.getByLabel('Phrase', { exact: true }).fill(phrase);
		await page.getByRole('button', { name: 'Add to Disrespect' }).click();
	}
	await expect(mine.getByRole('alert')).toContainText('Someone else changed this draft');
	await expect(
		mine.getByText('Add the English phrase “talk about slow” to Disrespect')
	).toBeVisible();
	await expect(mine.getByText('“how dare you ask”')).toHaveCount(0);
	for (const page of pages) await page.context().close();
});
