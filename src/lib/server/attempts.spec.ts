import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as attempts from './attempts';
import type { SessionUser } from './auth';
import * as content from './content';
import { getDb } from './db';
import { assignments, attempts as attemptTable, teams, turns } from './db/schema';
import { makeUser } from './testing/factories';

const asSession = (u: {
	id: number;
	username: string;
	displayName: string;
	role: SessionUser['role'];
	teamId: number | null;
}): SessionUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	teamId: u.teamId,
	locale: 'en'
});

let trainee: SessionUser;
let other: SessionUser;
let supervisor: SessionUser;
let otherSupervisor: SessionUser;
let trainer: SessionUser;

beforeAll(async () => {
	content.importFiles();
	const sup = asSession(await makeUser('supervisor'));
	const team = getDb()
		.insert(teams)
		.values({ name: `Team ${sup.id}`, supervisorId: sup.id })
		.returning()
		.get();
	trainee = asSession(await makeUser('trainee', { teamId: team.id }));
	other = asSession(await makeUser('trainee', { teamId: team.id }));
	supervisor = sup;
	otherSupervisor = asSession(await makeUser('supervisor'));
	trainer = asSession(await makeUser('trainer'));
});

const rowsOf = (attemptId: number) =>
	getDb()
		.select()
		.from(turns)
		.where(eq(turns.attemptId, attemptId))
		.orderBy(asc(turns.index))
		.all();

describe('attempts', () => {
	it('plays the rude call to a resolution with real scoring, one stored turn per reply', () => {
		const { attempt, customer } = attempts.start(trainee, 'rude-call', 'practice')!;
		expect(customer.en).toMatch(/bankrupt|shut down/);
		const first = attempts.reply(
			trainee,
			attempt.id,
			0,
			'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。'
		);
		expect(first).toMatchObject({ state: 'venting', done: false, repeated: false });
		expect(first!.assessment.dimensions.apology.score).toBe(1);
		attempts.reply(
			trainee,
			attempt.id,
			1,
			'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？'
		);
		const last = attempts.reply(
			trainee,
			attempt.id,
			2,
			'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
		);
		expect(last).toMatchObject({ done: true, outcome: 'resolved', customer: null });
		const stored = getDb()
			.select()
			.from(attemptTable)
			.where(eq(attemptTable.id, attempt.id))
			.get()!;
		expect(stored).toMatchObject({ done: true, outcome: 'resolved', replies: 3 });
		expect(stored.score).toBeGreaterThan(0);
		expect(rowsOf(attempt.id).map((t) => t.speaker)).toEqual([
			'customer',
			'trainee',
			'customer',
			'trainee',
			'customer',
			'trainee'
		]);
	});

	it('returns the stored result for the same turn and text, and 409s a different text', () => {
		const { attempt } = attempts.start(trainee, 'rude-call', 'practice')!;
		const once = attempts.reply(trainee, attempt.id, 0, 'Hello, I am so sorry for the trouble.');
		const twice = attempts.reply(trainee, attempt.id, 0, 'Hello, I am so sorry for the trouble.');
		expect(twice).toMatchObject({ repeated: true, state: once!.state });
		expect(twice!.assessment).toEqual(once!.assessment);
		expect(rowsOf(attempt.id)).toHaveLength(3);
		expect(() => attempts.reply(trainee, attempt.id, 0, 'Something else entirely')).toThrow(
			attempts.TurnConflict
		);
		expect(() => attempts.reply(trainee, attempt.id, 5, 'Too far ahead')).toThrow(
			attempts.TurnConflict
		);
		expect(rowsOf(attempt.id)).toHaveLength(3);
	});

	it('refuses an empty or oversized reply without using up the turn', () => {
		const { attempt } = attempts.start(trainee, 'disputed-fee', 'practice')!;
		expect(() => attempts.reply(trainee, attempt.id, 0, '   ')).toThrow(attempts.ReplyRejected);
		expect(() => attempts.reply(trainee, attempt.id, 0, 'x'.repeat(2001))).toThrow(
			attempts.ReplyRejected
		);
		expect(rowsOf(attempt.id)).toHaveLength(1);
		expect(attempts.reply(trainee, attempt.id, 0, 'Hello Ms He, I am sorry.')).not.toBeNull();
	});

	it('stores nothing when scoring fails half-way', () => {
		const { attempt } = attempts.start(trainee, 'disputed-fee', 'practice')!;
		const before = getDb().select().from(attemptTable).where(eq(attemptTable.id, attempt.id)).get();
		const scorer = () => {
			throw new Error('scorer broke');
		};
		expect(() => attempts.reply(trainee, attempt.id, 0, 'Hello', { scorer })).toThrow(
			'scorer broke'
		);
		expect(rowsOf(attempt.id)).toHaveLength(1);
		expect(
			getDb().select().from(attemptTable).where(eq(attemptTable.id, attempt.id)).get()
		).toEqual(before);
	});

	it('lets the trainee, their supervisor and trainers read an attempt; nobody else', () => {
		const { attempt } = attempts.start(trainee, 'missed-appointment', 'practice')!;
		expect(attempts.get(trainee, attempt.id)?.owner.id).toBe(trainee.id);
		expect(attempts.get(supervisor, attempt.id)).not.toBeNull();
		expect(attempts.get(trainer, attempt.id)).not.toBeNull();
		expect(attempts.get(other, attempt.id)).toBeNull();
		expect(attempts.get(otherSupervisor, attempt.id)).toBeNull();
		expect(attempts.reply(other, attempt.id, 0, 'Hello')).toBeNull();
	});

	it('allows certification only with an assignment, and gives everyone the same lines', () => {
		expect(() => attempts.start(trainee, 'rude-call', 'certification')).toThrow(
			attempts.NotAllowed
		);
		const due = new Date(Date.now() + 7 * 24 * 3600 * 1000);
		for (const u of [trainee, other]) {
			getDb()
				.insert(assignments)
				.values({ userId: u.id, scenarioKey: 'rude-call', mode: 'certification', dueAt: due })
				.run();
		}
		const a = attempts.start(trainee, 'rude-call', 'certification')!;
		const b = attempts.start(other, 'rude-call', 'certification')!;
		expect(a.attempt.seed).toBe(0);
		expect(a.customer).toEqual(b.customer);
		expect(a.attempt.assignmentId).not.toBeNull();
		expect(attempts.start(trainee, 'no-such-scenario', 'practice')).toBeNull();
	});
});
