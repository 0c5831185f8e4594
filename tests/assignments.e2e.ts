import type { APIRequestContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '../src/lib/server/db';
import { users as userTable } from '../src/lib/server/db/schema';
import * as users from '../src/lib/server/users';
import { test, expect, freshUser, sessionTokenFor, signInAs } from './support/fixtures';
import { memberOf, teamWithMember } from './support/ledger';

const missed = 'Took the morning off, and the technician never came';
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** supervisor1's team: the demo team they lead (and belong to). */
const demoTeam = () => users.getByUsername('supervisor1')!.teamId!;

let named = 0;

/** A new trainee in a team, with a name no other test (or worker) shares, to find them on a page. */
async function person(teamId: number, label: string) {
	const member = await memberOf(teamId);
	named += 1;
	const displayName = `${label} ${process.pid}-${named}`;
	getDb().update(userTable).set({ displayName }).where(eq(userTable.id, member.id)).run();
	return { ...member, displayName };
}

function api(request: APIRequestContext, username: string) {
	const cookie = `auth-session=${sessionTokenFor(username)}`;
	const call = (method: string, path: string, data?: unknown) =>
		request.fetch(path, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			data: data === undefined ? undefined : JSON.stringify(data)
		});
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, data: unknown) => call('POST', path, data),
		patch: (path: string, data: unknown) => call('PATCH', path, data),
		delete: (path: string) => call('DELETE', path)
	};
}

test('a supervisor assigns within their team; the trainee sees it as new once, with the note', async ({
	page,
	browser,
	baseURL
}) => {
	const trainee = await person(demoTeam(), 'Assignee');
	const outsider = await person((await teamWithMember('Other shift')).team.id, 'Outsider');
	await signInAs(page.context(), baseURL!, 'supervisor1');
	await page.goto('/assignments');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assignments');

	// Only the people of their own team are offered.
	const people = page.getByRole('group', { name: 'People' });
	await expect(people.getByRole('checkbox', { name: trainee.displayName })).toBeVisible();
	await expect(people.getByRole('checkbox', { name: outsider.displayName })).toHaveCount(0);

	// Without a due date the form says what to fix, in words.
	await page.getByLabel('Scenario').selectOption({ label: missed });
	await people.getByRole('checkbox', { name: trainee.displayName }).check();
	await page.getByLabel('Due', { exact: true }).fill('');
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(page.getByText('Choose a due date.')).toBeVisible();

	await page.getByLabel('Due', { exact: true }).fill('2030-01-15T17:30');
	await page.getByRole('radio', { name: 'Certification' }).check();
	await page.getByLabel('Note for the trainees (optional)').fill('Bring your notes from Monday.');
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Assignments given: 1.');

	const row = page.getByRole('listitem').filter({ hasText: trainee.displayName });
	await expect(row).toContainText('Not started');
	await expect(row).toContainText('Not yet seen by the trainee');

	// The trainee: highlighted as new, with who gave it and the note; not new the next time.
	const context = await browser.newContext();
	await signInAs(context, baseURL!, trainee.username);
	const mine = await context.newPage();
	await mine.goto('/practice');
	const card = mine
		.getByRole('region', { name: 'Your assignments' })
		.getByRole('listitem')
		.filter({ hasText: missed });
	await expect(card).toHaveCount(1);
	await expect(card.getByText('New', { exact: true })).toBeVisible();
	await expect(card).toContainText('Assigned by Wang Lei 王磊');
	await expect(card).toContainText('Bring your notes from Monday.');
	await expect(card.getByRole('button', { name: 'Start certification' })).toBeVisible();
	await mine.reload();
	await expect(card).toHaveCount(1);
	await expect(card.getByText('New', { exact: true })).toHaveCount(0);
	await context.close();

	await page.reload();
	await expect(row).not.toContainText('Not yet seen by the trainee');
});

test('extend and withdraw from the page, after confirming', async ({ page, browser, baseURL }) => {
	const trainee = await person(demoTeam(), 'Extended');
	const created = await api(page.request, 'supervisor1').post('/api/assignments', {
		scenario: 'disputed-fee',
		userIds: [trainee.id],
		mode: 'practice',
		dueAt: '2030-02-01T12:00:00+08:00'
	});
	expect(created.status()).toBe(201);
	await signInAs(page.context(), baseURL!, 'supervisor1');
	await page.goto('/assignments');
	const row = page.getByRole('listitem').filter({ hasText: trainee.displayName });

	await row.getByText('Change due date').click();
	await row.getByLabel('New due date').fill('2030-01-20T12:00');
	await row.getByRole('button', { name: 'Save due date' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'The new due date must be later than the current one.'
	);
	// The question stays open beside its answer.
	await expect(row.getByLabel('New due date')).toBeVisible();
	await row.getByLabel('New due date').fill('2030-03-01T09:00');
	await row.getByRole('button', { name: 'Save due date' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Due date changed.' })).toBeVisible();
	await expect(row).toContainText('Mar 1, 2030');

	// Withdrawing asks first (the summary only opens the question).
	await row.locator('summary', { hasText: 'Withdraw' }).focus();
	await page.keyboard.press('Enter');
	await expect(row.getByText(/Withdraw this assignment from/)).toBeVisible();
	await row.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Assignment withdrawn.' })).toBeVisible();
	// Nothing is left open in that group: it moves to the finished ones, folded away.
	await page.getByText(/^Completed or withdrawn \(\d+\)$/).click();
	await expect(row).toContainText('Withdrawn');
	await expect(row).toContainText('Withdrawn by Wang Lei 王磊');
	await expect(row.getByText('Change due date')).toHaveCount(0);

	const context = await browser.newContext();
	await signInAs(context, baseURL!, trainee.username);
	const theirs = await context.newPage();
	await theirs.goto('/practice');
	await expect(theirs.getByRole('region', { name: 'Your assignments' })).toHaveCount(0);
	await context.close();
});

test('the API refuses a supervisor outside their team, creating nothing', async ({ request }) => {
	const mine = await memberOf(demoTeam());
	const other = await teamWithMember('Night shift');
	const supervisor = api(request, 'supervisor1');
	const body = { scenario: 'rude-call', mode: 'practice', dueAt: inAMonth() };

	const mixed = await supervisor.post('/api/assignments', {
		...body,
		userIds: [mine.id, other.member.id]
	});
	expect(mixed.status()).toBe(403);
	expect(await mixed.json()).toMatchObject({ error: 'not_allowed', message: expect.any(String) });
	const team = await supervisor.post('/api/assignments', { ...body, teamId: other.team.id });
	expect(team.status()).toBe(403);

	// Nothing was created for either of them.
	const listed = (await (await api(request, 'trainer1').get('/api/assignments')).json()) as {
		assignments: { trainee: { id: number } }[];
	};
	expect(
		listed.assignments.filter((a) => [mine.id, other.member.id].includes(a.trainee.id))
	).toEqual([]);
	// And what is out of scope is not listed to them either.
	const own = (await (await supervisor.get('/api/assignments')).json()) as {
		assignments: { trainee: { id: number } }[];
	};
	expect(own.assignments.some((a) => a.trainee.id === other.member.id)).toBe(false);
	// A trainee assigns nothing.
	const trainee = await api(request, 'trainee1').post('/api/assignments', {
		...body,
		userIds: [mine.id]
	});
	expect(trainee.status()).toBe(403);
});

test('the API gives, lists, extends and withdraws, and names each bad field', async ({
	request
}) => {
	const { team, member } = await teamWithMember('Day shift');
	const second = await memberOf(team.id);
	const trainer = api(request, 'trainer1');

	const bad = await trainer.post('/api/assignments', {
		scenario: 'rude-call',
		userIds: [member.id],
		teamId: team.id,
		mode: 'exam',
		dueAt: 'next week',
		note: 'x'.repeat(501)
	});
	expect(bad.status()).toBe(400);
	const problems = (await bad.json()) as { error: string; fields: Record<string, string> };
	expect(problems.error).toBe('bad_request');
	expect(Object.keys(problems.fields).sort()).toEqual(['dueAt', 'mode', 'note', 'userIds']);
	expect(problems.fields.note).toMatch(/500/);

	const past = await trainer.post('/api/assignments', {
		scenario: 'rude-call',
		userIds: [member.id],
		mode: 'practice',
		dueAt: '2020-01-01T00:00:00Z'
	});
	expect(past.status()).toBe(400);
	expect((await past.json()).fields).toEqual({ dueAt: 'The due date must be in the future.' });
	const unknown = await trainer.post('/api/assignments', {
		scenario: { key: 'rude-call', version: 99 },
		teamId: team.id,
		mode: 'practice',
		dueAt: inAMonth()
	});
	expect(unknown.status()).toBe(400);
	expect(Object.keys((await unknown.json()).fields)).toEqual(['scenario']);
	const notJson = await request.fetch('/api/assignments', {
		method: 'POST',
		headers: {
			cookie: `auth-session=${sessionTokenFor('trainer1')}`,
			'content-type': 'application/json'
		},
		data: '{"scenario":'
	});
	expect(notJson.status()).toBe(400);

	const given = await trainer.post('/api/assignments', {
		scenario: { key: 'rude-call', version: 1 },
		teamId: team.id,
		mode: 'certification',
		dueAt: inAMonth(),
		note: 'Whole team, please.'
	});
	expect(given.status()).toBe(201);
	const { assignments } = (await given.json()) as {
		assignments: {
			id: number;
			trainee: { id: number };
			team: { id: number };
			scenario: { key: string; version: number };
			status: string;
			note: string;
		}[];
	};
	expect(assignments.map((a) => a.trainee.id).sort()).toEqual([member.id, second.id].sort());
	expect(assignments[0]).toMatchObject({
		team: { id: team.id },
		scenario: { key: 'rude-call', version: 1 },
		status: 'not_started',
		note: 'Whole team, please.'
	});

	// The trainee reads their own; the team's supervisor reads the team's.
	const own = (await (await api(request, member.username).get('/api/assignments')).json()) as {
		assignments: { id: number }[];
	};
	expect(own.assignments.map((a) => a.id)).toEqual([
		assignments.find((a) => a.trainee.id === member.id)!.id
	]);
	const supervisor = api(request, users.get(team.supervisorId!)!.username);
	const theirs = (await (await supervisor.get('/api/assignments')).json()) as {
		assignments: { id: number }[];
	};
	expect(theirs.assignments.map((a) => a.id).sort()).toEqual(assignments.map((a) => a.id).sort());
	// supervisor1 leads another team: not theirs to change.
	const target = assignments.find((a) => a.trainee.id === member.id)!.id;
	expect((await api(request, 'supervisor1').delete(`/api/assignments/${target}`)).status()).toBe(
		403
	);

	const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
	const extended = await supervisor.patch(`/api/assignments/${target}`, { dueAt: later });
	expect(extended.status()).toBe(200);
	expect((await extended.json()).dueAt).toBe(later);
	const withdrawn = await supervisor.delete(`/api/assignments/${target}`);
	expect(withdrawn.status()).toBe(200);
	expect((await withdrawn.json()).status).toBe('withdrawn');
	expect((await supervisor.delete(`/api/assignments/${target}`)).status()).toBe(409);

	// Gone for the trainee, and no longer startable.
	const after = (await (await api(request, member.username).get('/api/assignments')).json()) as {
		assignments: unknown[];
	};
	expect(after.assignments).toEqual([]);
	const start = await api(request, member.username).post('/api/attempts', {
		scenario: 'rude-call',
		mode: 'certification'
	});
	expect(start.status()).toBe(403);
});

test('the assignments page is not offered to trainees', async ({ page, baseURL }) => {
	const trainee = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, trainee.username);
	const response = await page.goto('/assignments');
	expect(response?.status()).toBe(403);
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assignments' })
	).toHaveCount(0);
});
