import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '../src/lib/server/db';
import { users } from '../src/lib/server/db/schema';
import { loadScenario, type ActiveState, type Scenario } from '../src/lib/engine/scenario';
import { test, expect, freshUser, sessionTokenFor, signInAs } from './support/fixtures';
import { teamWithMember } from './support/ledger';

// The whole path, in one browser session per person: a trainer writes a scenario from a
// template, breaks it and sees where, fixes it, previews it to its ending, publishes it and gives it
// as a certification to a trainee, who plays it; a supervisor assigns within their team only.

const editorText = (page: Page) => page.locator('.cm-content');

async function replaceSource(page: Page, text: string) {
	await editorText(page).click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.insertText(text);
}

function scenarioOf(source: string): Scenario {
	const loaded = loadScenario('draft.yaml', source);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
	return loaded.scenario;
}

/** The reference replies along the best transitions, from the start to the ending they reach. */
function referencePlay(scenario: Scenario) {
	const replies: string[] = [];
	let state = scenario.states[scenario.start];
	while (!state.final) {
		replies.push(state.ideal.en);
		const best = (state as ActiveState).on.find((t) => t.best)!;
		state = scenario.states[best.to];
	}
	return { replies, ending: state };
}

test('a trainer writes, checks, previews, publishes and assigns a scenario; the trainee plays it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	// A name no other worker's throwaway account shares, to find them in the form.
	const created = await freshUser('trainee');
	const trainee = { ...created, displayName: `Flow trainee ${process.pid}-${Date.now()}` };
	getDb()
		.update(users)
		.set({ displayName: trainee.displayName })
		.where(eq(users.id, trainee.id))
		.run();
	const trainerContext = await browser.newContext();
	await signInAs(trainerContext, baseURL!, 'trainer1');
	const page = await trainerContext.newPage();

	// From a template.
	await page.goto('/scenarios');
	await page.getByRole('link', { name: 'New scenario' }).click();
	await page.getByLabel('A template').check();
	await page.getByLabel('Template', { exact: true }).selectOption({ index: 1 });
	const chosen = await page.getByLabel('Template', { exact: true }).inputValue();
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page).toHaveURL(/\/scenarios\/drafts\/\d+$/);
	await expect(page.getByText('No problems found.')).toBeVisible();
	const key = (await page.locator('.meta code').textContent())!.trim();
	const source = fs
		.readFileSync(`scenarios/templates/${chosen}.yaml`, 'utf8')
		.replace(/^key:.*$/m, `key: ${key}`);
	const title = `Flow ${process.pid} ${Date.now()}`;
	const mine = source.replace(/^( {2}en: ).*$/m, `$1${title}`);
	expect(mine).not.toBe(source);

	// Broken: a transition to nowhere is shown at its line and column, in the list and the gutter.
	const target = /^ {8}to: (\w+)$/m.exec(mine)!;
	const broken = mine.replace(target[0], '        to: nowhere');
	const line = broken.split('\n').indexOf('        to: nowhere') + 1;
	await replaceSource(page, broken);
	const problems = page.getByRole('region', { name: /Problems: 1/ });
	await expect(problems.getByRole('listitem')).toHaveText(
		new RegExp(`Line ${line}:13\\s+unknown state "nowhere"`)
	);
	await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);

	// Fixed and saved.
	await replaceSource(page, mine);
	await expect(page.getByText('No problems found.')).toBeVisible();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(/^Saved at /)).toBeVisible();
	const draftUrl = page.url();

	// Previewed to its ending with the reference replies, the branch explained each time.
	const scenario = scenarioOf(mine);
	const play = referencePlay(scenario);
	await page.goto(`${draftUrl}/preview`);
	for (const [i, reply] of play.replies.entries()) {
		await page.getByLabel('Your reply').fill(reply);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('group', { name: 'Branch taken' }).nth(i)).toContainText(
			'the reference path'
		);
	}
	await expect(page.locator('.ended')).toContainText('Outcome: Resolved');
	expect(play.ending.final && play.ending.outcome).toBe('resolved');

	// Published, with the checks and the diff.
	await page.goto(draftUrl);
	await page.getByRole('link', { name: 'Check and publish' }).click();
	await expect(page.getByText('No problems found.')).toBeVisible();
	await expect(
		page.getByText('A new scenario: nothing has been published under this key yet.')
	).toBeVisible();
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	await expect(page.getByText('Published as version 1.')).toBeVisible();

	// Given as a certification to the trainee.
	await page.goto('/assignments');
	await page.getByLabel('Scenario').selectOption({ label: title });
	await page
		.getByRole('group', { name: 'People' })
		.getByRole('checkbox', { name: trainee.displayName })
		.check();
	await page.getByLabel('Due', { exact: true }).fill('2030-06-30T17:00');
	await page.getByRole('radio', { name: 'Certification' }).check();
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Assignments given: 1.');
	await trainerContext.close();

	// The trainee plays it through to its ending.
	const traineeContext = await browser.newContext();
	await signInAs(traineeContext, baseURL!, trainee.username);
	const theirs = await traineeContext.newPage();
	await theirs.goto('/practice');
	const card = theirs
		.getByRole('region', { name: 'Your assignments' })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(card.getByText('New', { exact: true })).toBeVisible();
	await card.getByRole('button', { name: 'Start certification' }).click();
	const conversation = theirs.getByRole('region', { name: 'Conversation' });
	for (const reply of play.replies) {
		await theirs.getByLabel('Your reply').fill(reply);
		await theirs.getByRole('button', { name: 'Send' }).click();
		await expect(conversation.getByRole('listitem').filter({ hasText: reply })).toHaveCount(1);
	}
	await expect(theirs.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();
	await expect(theirs.getByText('Resolved').first()).toBeVisible();
	await theirs.goto('/practice');
	// The finished certification closes the assignment: shown as completed, not startable again.
	await expect(card).toContainText('Completed');
	await expect(card.getByRole('button', { name: 'Start certification' })).toHaveCount(0);
	await traineeContext.close();
});

test('a supervisor assigns within their team and is refused outside it', async ({ request }) => {
	const outsider = (await teamWithMember('Flow outsiders')).member;
	const headers = { cookie: `auth-session=${sessionTokenFor('supervisor1')}` };
	const body = (userIds: number[]) => ({
		scenario: 'disputed-fee',
		userIds,
		mode: 'certification',
		dueAt: '2030-06-30T17:00:00+08:00'
	});
	const refused = await request.post('/api/assignments', {
		headers,
		data: body([outsider.id])
	});
	expect(refused.status()).toBe(403);
	const mineResponse = await request.get('/api/assignments', { headers });
	const listed = (await mineResponse.json()) as { assignments: { trainee: { id: number } }[] };
	expect(listed.assignments.some((a) => a.trainee.id === outsider.id)).toBe(false);
});
