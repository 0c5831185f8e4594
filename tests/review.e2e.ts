import type { Locator, Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import * as attempts from '../src/lib/server/attempts';
import * as criteria from '../src/lib/server/criteria';
import { getDb } from '../src/lib/server/db';
import { calibrationAnswers, calibrationItems, turns } from '../src/lib/server/db/schema';
import {
	test,
	expect,
	assignCertification,
	freshUser,
	signInAs,
	sessionTokenFor
} from './support/fixtures';
import { memberOf, session, teamWithMember } from './support/ledger';

/** A practice reply by a trainee, played through the real engine; its turn id. */
function practised(trainee: ReturnType<typeof session>, text: string) {
	const { attempt } = attempts.start(trainee, 'rude-call', 'practice')!;
	attempts.reply(trainee, attempt.id, 0, text);
	const turn = getDb()
		.select()
		.from(turns)
		.where(eq(turns.attemptId, attempt.id))
		.all()
		.find((t) => t.speaker === 'trainee')!;
	return { attemptId: attempt.id, turnId: turn.id };
}

/** Answers every question of a labels form: dimensions not shown, problems as given (else no). */
async function answer(scope: Locator, problems: string[] = []) {
	for (const group of await scope.getByRole('radiogroup').all()) {
		const name = (await group.textContent()) ?? '';
		if (await group.getByRole('radio', { name: 'Not shown', exact: true }).count())
			await group.getByRole('radio', { name: 'Not shown', exact: true }).check();
		else
			await group
				.getByRole('radio', {
					name: problems.some((p) => name.includes(p)) ? 'Yes' : 'No',
					exact: true
				})
				.check();
	}
}

test('a trainer reviews a reply beside the automatic scoring; the trainee reads it with the reviewer’s name', async ({
	browser,
	baseURL
}) => {
	const { member: trainee } = await teamWithMember('Review team');
	const { attemptId, turnId } = practised(
		trainee,
		"Sir, there's no need to shout. The delivery team handles that, not me."
	);
	const trainer = session(await freshUser('trainer'));
	const context = await browser.newContext({ baseURL });
	await signInAs(context, baseURL!, trainer.username);
	const page = await context.newPage();
	await page.goto(`/practice/${attemptId}`);
	await page.getByText('Review this reply').click();
	const form = page.locator('form[action="?/review"]');
	await answer(form, ['Shifting the blame']);
	await form.getByLabel(/Comment/).fill('Hand nothing to the delivery team: own it.');
	await form.getByRole('button', { name: 'Save the review' }).click();
	await expect(page.getByText(`Reviewed by ${trainer.displayName}`)).toBeVisible();
	await expect(page.getByText('Review this reply')).toHaveCount(0);

	// The same reviewer cannot review it twice; the API says so.
	const again = await page.request.post(`/api/turns/${turnId}/reviews`, {
		data: {
			labels: {
				dimensions: {
					greeting: 'not_shown',
					listening: 'not_shown',
					empathy: 'not_shown',
					apology: 'not_shown'
				},
				violations: {
					blame_shift: true,
					ask_customer_to_decide: false,
					brush_off: false,
					disrespect: false,
					unauthorized_promise: false,
					slang: false
				}
			},
			comment: ''
		}
	});
	expect(again.status()).toBe(409);
	expect((await again.json()).message).toContain('already reviewed');

	// A supervisor of another team does not see the reply at all.
	const outsider = (await teamWithMember('Other review team')).supervisor;
	const refused = await page.request.post(`/api/turns/${turnId}/reviews`, {
		headers: { cookie: `auth-session=${sessionTokenFor(outsider.username)}` },
		data: { labels: { dimensions: {}, violations: {} }, comment: '' }
	});
	expect(refused.status()).toBe(404);

	const own = await browser.newContext({ baseURL });
	await signInAs(own, baseURL!, trainee.username);
	const mine = await own.newPage();
	await mine.goto(`/practice/${attemptId}`);
	await expect(mine.getByText(`Reviewed by ${trainer.displayName}`)).toBeVisible();
	await expect(mine.getByText('Hand nothing to the delivery team: own it.')).toBeVisible();
	await expect(mine.getByText('Review this reply')).toHaveCount(0);
	await mine.getByRole('button', { name: '中文' }).click();
	await expect(mine.getByText(`复核人：${trainer.displayName}`)).toBeVisible();
	await context.close();
	await own.close();
});

test('a calibration session with three graders is graded blind and closes with its figures', async ({
	browser,
	baseURL
}) => {
	const { team, supervisor } = await teamWithMember('Calibration team');
	const trainee = await memberOf(team.id);
	practised(trainee, 'Calm down. Are you stupid?');
	practised(trainee, 'Hello Mr Zheng, I am sorry for the wait. May I have your order number?');
	const trainer = session(await freshUser('trainer'));
	const admin = session(await freshUser('admin'));
	const pages: Record<string, Page> = {};
	for (const person of [trainer, supervisor, admin]) {
		const context = await browser.newContext({ baseURL });
		await signInAs(context, baseURL!, person.username);
		pages[person.username] = await context.newPage();
	}

	// The supervisor samples from their own team only: a session of the two replies above.
	const owner = pages[supervisor.username];
	await owner.goto('/calibration');
	await expect(
		owner.getByRole('heading', { name: 'When the scorer may penalise on its own' })
	).toBeVisible();
	await owner.getByLabel('Name').fill('Two replies');
	await owner.getByLabel('How many replies').fill('2');
	await owner.getByLabel(new RegExp(trainer.displayName)).check();
	await owner.getByLabel(new RegExp(admin.displayName)).check();
	await owner.getByRole('button', { name: 'Create the session' }).click();
	await expect(owner.getByRole('heading', { name: 'Two replies' })).toBeVisible();
	const url = owner.url();

	for (const [person, problems] of [
		[supervisor, ['Disrespect']],
		[trainer, ['Disrespect']],
		[admin, []]
	] as const) {
		const page = pages[person.username];
		await page.goto(url);
		// Blind: nothing of the scorer or the consensus while the session is open.
		await expect(page.locator('main')).not.toContainText(/Scorer:|Consensus:/);
		for (const card of await page.locator('ol.items > li').all()) {
			const rude = ((await card.locator('.reply').textContent()) ?? '').includes('stupid');
			await answer(card, rude ? [...problems] : []);
			await card.getByRole('button', { name: 'Save my answer' }).click();
			await expect(card.getByText('You have answered this reply.')).toBeVisible();
		}
	}
	// Answering twice is refused, and changes nothing.
	const sessionId = Number(url.match(/calibration\/(\d+)/)![1]);
	const [first] = getDb()
		.select()
		.from(calibrationItems)
		.where(eq(calibrationItems.sessionId, sessionId))
		.all();
	const answers = () => getDb().select().from(calibrationAnswers).all().length;
	const before = answers();
	const twice = await pages[admin.username].request.post(`${url}?/answer`, {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: {
			itemId: String(first.id),
			...Object.fromEntries(
				Object.entries(first.scorer.dimensions)
					.filter(([, v]) => v !== 'not_needed')
					.map(([id, v]) => [`dim_${id}`, v])
			),
			...Object.fromEntries(
				Object.entries(first.scorer.violations).map(([id, v]) => [`vio_${id}`, v ? 'yes' : 'no'])
			)
		}
	});
	expect(twice.status()).toBe(409);
	expect(answers()).toBe(before);

	await owner.goto(url);
	await owner.getByRole('button', { name: 'Close the session' }).click();
	await expect(owner.getByRole('heading', { name: 'Scorer against consensus' })).toBeVisible();
	const disrespect = owner.getByRole('row', { name: /Disrespect English/ }).first();
	await expect(disrespect).toContainText('2');
	await expect(owner.getByRole('heading', { name: 'Graders' })).toBeVisible();
	await expect(owner.getByRole('row', { name: new RegExp(admin.displayName) })).toContainText(
		'more lenient'
	);
	await expect(owner.getByRole('heading', { name: /To discuss/ })).toBeVisible();
	await owner.goto('/calibration');
	await expect(owner.getByRole('link', { name: 'Two replies' })).toBeVisible();
	await expect(owner.getByRole('heading', { name: 'Trend over sessions' })).toBeVisible();
	for (const p of Object.values(pages)) await p.context().close();
});

test('bad input: a session with no replies, a decision on a settled entry, a status that does not exist', async ({
	request,
	baseURL
}) => {
	// A supervisor whose team has nobody in it has nothing to sample.
	const lonely = session(await freshUser('supervisor'));
	getDb()
		.$client.prepare('insert into teams (name, supervisor_id) values (?, ?)')
		.run(`Empty ${lonely.id}`, lonely.id);
	const empty = await request.post('/calibration?/create', {
		headers: {
			cookie: `auth-session=${sessionTokenFor(lonely.username)}`,
			origin: baseURL!,
			accept: 'text/html'
		},
		form: { title: 'Nothing', size: '5' }
	});
	expect(empty.status()).toBe(400);

	// A rude certification holds a penalty; its supervisor rejects it once, not twice.
	const { supervisor, member } = await teamWithMember('Decided team');
	criteria.acknowledge(member.id);
	assignCertification(member.id);
	const { attempt } = attempts.start(member, 'rude-call', 'certification')!;
	attempts.reply(member, attempt.id, 0, 'Calm down. Are you stupid?');
	const boss = `auth-session=${sessionTokenFor(supervisor.username)}`;
	const queue = await request.get('/api/reviews?status=pending', { headers: { cookie: boss } });
	expect(queue.status()).toBe(200);
	const items = (await queue.json()) as { id: number; employee: { id: number } }[];
	const held = items.find((i) => i.employee.id === member.id)!;
	expect(held).toBeTruthy();
	const decide = (cookie: string, data: unknown) =>
		request.post(`/api/reviews/${held.id}/decision`, { headers: { cookie }, data });
	const noReason = await decide(boss, { decision: 'reject', reason: ' ' });
	expect(noReason.status()).toBe(400);
	expect((await noReason.json()).message).toContain('reason');
	const outsider = (await teamWithMember('Not theirs')).supervisor;
	const foreign = await decide(`auth-session=${sessionTokenFor(outsider.username)}`, {
		decision: 'reject',
		reason: 'no'
	});
	expect(foreign.status()).toBe(404);
	const first = await decide(boss, { decision: 'reject', reason: 'Firm, not rude.' });
	expect(first.status()).toBe(200);
	expect((await first.json()).entry.status).toBe('dismissed');
	const second = await decide(boss, { decision: 'confirm', reason: 'Changed my mind.' });
	expect(second.status()).toBe(409);
	expect((await second.json()).message).toContain('no longer at a step');
	const ledger = await request.get(`/api/users/${member.id}/ledger`, { headers: { cookie: boss } });
	expect(
		((await ledger.json()) as { status: string; counted: boolean }[]).every((l) => !l.counted)
	).toBe(true);

	const wrong = await request.get('/api/reviews?status=maybe', { headers: { cookie: boss } });
	expect(wrong.status()).toBe(400);
	const calibration = await request.get('/api/calibration', { headers: { cookie: boss } });
	const rows = (await calibration.json()) as { criterion: string; lang: string; status: string }[];
	expect(rows.find((r) => r.criterion === 'disrespect' && r.lang === 'zh')?.status).toBe(
		'needs_review'
	);
});
