import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as attempts from '../attempts';
import type { SessionUser } from '../auth';
import { getDb } from '../db';
import { assignments, auditLog, scenarioVersions, users } from '../db/schema';
import * as ledger from '../ledger';
import * as practice from '../practice';
import {
	asSession,
	assignCertification,
	makeMember,
	makeTeam,
	makeUser,
	publishLibrary
} from '../testing/factories';
import * as assigning from '.';
import type { NewAssignment } from './forms';

const DAY = 86_400_000;
const rude = 'Calm down. Are you stupid? That is your own fault.';

let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
let trainer: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
	publishLibrary();
	team = await makeTeam('Assigned');
	other = await makeTeam('Elsewhere');
	trainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
});

const input = (
	target: NewAssignment['target'],
	overrides: Partial<NewAssignment> = {}
): NewAssignment => ({
	scenario: { key: 'rude-call', version: null },
	target,
	mode: 'practice',
	dueAt: new Date(Date.now() + 7 * DAY),
	note: null,
	...overrides
});

const rowsOf = (userId: number) =>
	getDb().select().from(assignments).where(eq(assignments.userId, userId)).all();
const auditOf = (action: string, assignmentId: number) =>
	getDb()
		.select()
		.from(auditLog)
		.where(eq(auditLog.action, action))
		.all()
		.filter((r) => (JSON.parse(r.payload) as { assignment: number }).assignment === assignmentId);

/** Plays a practice attempt to its end with rude replies. */
function finish(user: SessionUser, attemptId: number) {
	for (let turn = 0; turn < 12; turn++) {
		const result = attempts.reply(user, attemptId, turn, rude);
		if (result?.done) return;
	}
	throw new Error('the attempt did not end');
}

describe('giving assignments', () => {
	it('gives chosen people one row each, with the note, and audits each', async () => {
		const [a, b] = [await makeMember(team.team.id), await makeMember(other.team.id)];
		const created = assigning.create(
			trainer,
			input({ userIds: [a.id, b.id] }, { note: 'Before Friday, please.', mode: 'certification' })
		);
		expect(created.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort());
		expect(created.every((r) => r.teamId === null && r.assignedBy === trainer.id)).toBe(true);
		expect(created[0]).toMatchObject({ note: 'Before Friday, please.', scenarioVersionId: null });
		for (const row of created) {
			const [audit] = auditOf('assignment.create', row.id);
			expect(audit.actor).toBe(`user:${trainer.id}`);
			expect(JSON.parse(audit.payload)).toMatchObject({ user: row.userId, mode: 'certification' });
		}
	});

	it('gives a team one row per current active trainee, with the team set', async () => {
		const { team: t, supervisor } = await makeTeam('Whole');
		const members = [await makeMember(t.id), await makeMember(t.id)];
		const gone = await makeMember(t.id);
		getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id)).run();
		const colleague = asSession(await makeUser('trainer', { teamId: t.id }));
		const created = assigning.create(supervisor, input({ teamId: t.id }));
		expect(created.map((r) => r.userId).sort()).toEqual(members.map((m) => m.id).sort());
		expect(created.every((r) => r.teamId === t.id)).toBe(true);
		expect(rowsOf(gone.id)).toEqual([]);
		expect(rowsOf(colleague.id)).toEqual([]);
	});

	it('refuses a supervisor outside their teams, all or nothing', async () => {
		const mine = await makeMember(team.team.id);
		const theirs = await makeMember(other.team.id);
		const refused = (fn: () => unknown, reason: string) =>
			expect(fn).toThrow(expect.objectContaining({ reason }));
		refused(
			() => assigning.create(team.supervisor, input({ userIds: [mine.id, theirs.id] })),
			'not_allowed'
		);
		refused(
			() => assigning.create(team.supervisor, input({ teamId: other.team.id })),
			'not_allowed'
		);
		expect(rowsOf(mine.id)).toEqual([]);
		expect(rowsOf(theirs.id)).toEqual([]);
		// Within their own team it works.
		expect(assigning.create(team.supervisor, input({ userIds: [mine.id] }))).toHaveLength(1);
	});

	it('refuses trainees, staff as recipients, past due dates, unknown scenarios and empty teams', async () => {
		const trainee = await makeMember(team.team.id);
		const mate = await makeMember(team.team.id);
		const reason = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				return (e as assigning.AssignmentRefused).reason;
			}
			return 'created';
		};
		expect(reason(() => assigning.create(trainee, input({ userIds: [mate.id] })))).toBe(
			'not_allowed'
		);
		expect(reason(() => assigning.create(admin, input({ userIds: [mate.id, trainer.id] })))).toBe(
			'not_a_trainee'
		);
		expect(
			reason(() =>
				assigning.create(admin, input({ userIds: [mate.id] }, { dueAt: new Date(Date.now() - 1) }))
			)
		).toBe('due_past');
		expect(
			reason(() =>
				assigning.create(
					admin,
					input({ userIds: [mate.id] }, { scenario: { key: 'rude-call', version: 99 } })
				)
			)
		).toBe('unknown_scenario');
		const { team: empty } = await makeTeam('Empty');
		expect(reason(() => assigning.create(admin, input({ teamId: empty.id })))).toBe('team_empty');
		expect(rowsOf(mate.id)).toEqual([]);
		// A trainer may not see who is outside the app: an unknown id is out of scope, not "missing".
		expect(reason(() => assigning.create(trainer, input({ userIds: [999_999] })))).toBe(
			'not_allowed'
		);
	});
});

describe('extending and withdrawing', () => {
	it('checks the scope on the assignment’s trainee and audits each change', async () => {
		const trainee = await makeMember(team.team.id);
		const [row] = assigning.create(trainer, input({ userIds: [trainee.id] }));
		const later = new Date(row.dueAt.getTime() + 3 * DAY);
		expect(() => assigning.extend(other.supervisor, [row.id], later)).toThrow(
			expect.objectContaining({ reason: 'not_allowed' })
		);
		expect(() => assigning.withdraw(other.supervisor, [row.id])).toThrow(
			expect.objectContaining({ reason: 'not_allowed' })
		);
		expect(() => assigning.extend(team.supervisor, [row.id], row.dueAt)).toThrow(
			expect.objectContaining({ reason: 'due_not_later' })
		);
		expect(() => assigning.extend(team.supervisor, [row.id, 999_999], later)).toThrow(
			expect.objectContaining({ reason: 'not_found' })
		);
		expect(auditOf('assignment.extend', row.id)).toEqual([]);

		const [extended] = assigning.extend(team.supervisor, [row.id], later);
		expect(extended.dueAt).toEqual(later);
		const [audit] = auditOf('assignment.extend', row.id);
		expect(audit.actor).toBe(`user:${team.supervisor.id}`);
		expect(JSON.parse(audit.payload)).toMatchObject({
			dueAt: later.toISOString(),
			previousDueAt: row.dueAt.toISOString()
		});

		const [withdrawn] = assigning.withdraw(team.supervisor, [row.id]);
		expect(withdrawn.withdrawnBy).toBe(team.supervisor.id);
		expect(auditOf('assignment.withdraw', row.id)).toHaveLength(1);
		expect(() => assigning.withdraw(trainer, [row.id])).toThrow(
			expect.objectContaining({ reason: 'withdrawn' })
		);
		expect(() => assigning.extend(trainer, [row.id], new Date(later.getTime() + DAY))).toThrow(
			expect.objectContaining({ reason: 'withdrawn' })
		);
	});

	it('leaves a withdrawn assignment impossible to start, and gone from the practice page', async () => {
		const trainee = await makeMember(team.team.id);
		const [cert] = assigning.create(
			trainer,
			input({ userIds: [trainee.id] }, { mode: 'certification' })
		);
		const [prac] = assigning.create(
			trainer,
			input({ userIds: [trainee.id] }, { scenario: { key: 'disputed-fee', version: null } })
		);
		expect(
			practice
				.library(trainee.id)
				.assigned.map((a) => a.id)
				.sort()
		).toEqual([cert.id, prac.id].sort());
		assigning.withdraw(trainer, [cert.id, prac.id]);
		expect(practice.library(trainee.id).assigned).toEqual([]);
		expect(() => attempts.start(trainee, 'rude-call', 'certification')).toThrow(
			attempts.NotAllowed
		);
		expect(() => attempts.start(trainee, 'disputed-fee', 'practice', new Date(), prac.id)).toThrow(
			attempts.AssignmentClosed
		);
		// Free practice is still there, but not against the withdrawn assignment.
		expect(attempts.start(trainee, 'disputed-fee', 'practice')!.attempt.assignmentId).toBeNull();
	});

	it('does not extend or withdraw a completed assignment', async () => {
		const trainee = await makeMember(team.team.id);
		const [row] = assigning.create(trainer, input({ userIds: [trainee.id] }));
		const { attempt } = attempts.start(trainee, 'rude-call', 'practice', new Date(), row.id)!;
		finish(trainee, attempt.id);
		expect(() => assigning.withdraw(trainer, [row.id])).toThrow(
			expect.objectContaining({ reason: 'completed' })
		);
	});
});

describe('progress', () => {
	it('reads not started, in progress, overdue and completed with the score and ending', async () => {
		const { team: t, supervisor } = await makeTeam('Progress');
		const [idle, busy, done] = [
			await makeMember(t.id),
			await makeMember(t.id),
			await makeMember(t.id)
		];
		const created = assigning.create(supervisor, input({ teamId: t.id }));
		const late = await makeMember(t.id);
		const rowOf = (u: SessionUser) => created.find((r) => r.userId === u.id)!;
		attempts.start(busy, 'rude-call', 'practice', new Date(), rowOf(busy).id);
		const { attempt } = attempts.start(done, 'rude-call', 'practice', new Date(), rowOf(done).id)!;
		finish(done, attempt.id);
		// The late one's due date has passed by the time we look (given a week before, due in a day).
		const weekAgo = new Date(Date.now() - 7 * DAY);
		const [past] = assigning.create(
			supervisor,
			input({ userIds: [late.id] }, { dueAt: new Date(weekAgo.getTime() + DAY) }),
			weekAgo
		);

		const mine = assigning
			.listFor(supervisor)
			.filter((v) => v.team?.id === t.id || v.id === past.id);
		const statusOf = (u: SessionUser) => mine.filter((v) => v.trainee.id === u.id);
		expect(statusOf(idle).map((v) => v.status)).toEqual(['not_started']);
		expect(statusOf(busy).map((v) => [v.status, v.started])).toEqual([['in_progress', true]]);
		expect(statusOf(late).map((v) => v.status)).toEqual(['overdue']);
		const [completed] = statusOf(done);
		const ended = attempts.get(done, attempt.id)!.attempt;
		expect(completed.status).toBe('completed');
		expect(completed.result).toMatchObject({
			attemptId: attempt.id,
			score: ended.score,
			outcome: ended.outcome,
			late: false
		});
		expect(ended.outcome).not.toBeNull();
		// Grouped as given: the team's three together, the single one apart.
		const groups = assigning.grouped(mine);
		expect(groups.map((g) => g.people.length).sort()).toEqual([1, 3]);
		// The overdue one leads; nothing is closed while someone has not finished.
		const { open, closed } = assigning.byAttention(groups);
		expect(open.map((g) => g.people[0].trainee.id)).toEqual([late.id, expect.any(Number)]);
		expect(closed).toEqual([]);

		assigning.withdraw(supervisor, [rowOf(idle).id]);
		expect(assigning.listFor(supervisor).find((v) => v.id === rowOf(idle).id)?.status).toBe(
			'withdrawn'
		);
		// Out of scope: another supervisor sees none of it; a trainee sees nothing here.
		expect(assigning.listFor(other.supervisor).some((v) => v.team?.id === t.id)).toBe(false);
		expect(assigning.listFor(idle)).toEqual([]);
	});

	it('shows an assignment as new once, then as seen', async () => {
		const trainee = await makeMember(team.team.id);
		assigning.create(trainer, input({ userIds: [trainee.id] }, { note: 'Start here.' }));
		const first = practice.library(trainee.id).assigned;
		expect(first.map((a) => [a.isNew, a.note, a.assignedBy])).toEqual([
			[true, 'Start here.', trainer.displayName]
		]);
		expect(
			practice.seen(
				trainee.id,
				first.map((a) => a.id)
			)
		).toBe(1);
		expect(practice.library(trainee.id).assigned.map((a) => a.isNew)).toEqual([false]);
	});
});

describe('versions', () => {
	it('plays the version an assignment pins, else the newest', async () => {
		const db = getDb();
		const v1 = db
			.select()
			.from(scenarioVersions)
			.where(and(eq(scenarioVersions.key, 'missed-appointment'), eq(scenarioVersions.version, 1)))
			.get()!;
		const { id: _id, ...copy } = v1;
		const v2 = db
			.insert(scenarioVersions)
			.values({ ...copy, version: 2, contentHash: `${v1.contentHash}-2`, titleEn: 'Second' })
			.returning()
			.get();
		const trainee = await makeMember(team.team.id);
		const [pinned] = assigning.create(
			trainer,
			input({ userIds: [trainee.id] }, { scenario: { key: 'missed-appointment', version: 1 } })
		);
		expect(pinned.scenarioVersionId).toBe(v1.id);
		const onPinned = attempts.start(
			trainee,
			'missed-appointment',
			'practice',
			new Date(),
			pinned.id
		)!;
		expect(onPinned.attempt.scenarioVersionId).toBe(v1.id);
		expect(onPinned.attempt.assignmentId).toBe(pinned.id);

		const another = await makeMember(team.team.id);
		const [newest] = assigning.create(
			trainer,
			input({ userIds: [another.id] }, { scenario: { key: 'missed-appointment', version: null } })
		);
		expect(attempts.start(another, 'missed-appointment', 'practice')!.attempt).toMatchObject({
			scenarioVersionId: v2.id,
			assignmentId: newest.id
		});
		expect(assigning.view(pinned.id)!.scenario).toMatchObject({ version: 1 });
		expect(assigning.view(newest.id)!.scenario).toMatchObject({ version: null });
	});
});

describe('month close', () => {
	it('does not hold a withdrawn assignment against anyone', async () => {
		const trainee = await makeMember(team.team.id);
		const dueAt = new Date('2026-05-20T10:00:00Z');
		assignCertification(trainee.id, 'rude-call', dueAt);
		const taken = assignCertification(trainee.id, 'disputed-fee', dueAt);
		assigning.withdraw(admin, [taken.id], new Date('2026-05-10T00:00:00Z'));
		const at = new Date('2026-05-15T02:00:00Z');
		const { attempt } = attempts.start(trainee, 'rude-call', 'certification', at)!;
		attempts.reply(trainee, attempt.id, 0, rude, { now: at });
		const entries = ledger.closePeriod('2026-05', new Date('2026-06-02T00:00:00Z'))!;
		expect(entries.filter((e) => e.userId === trainee.id).map((e) => e.points)).toEqual([15]);
	});
});
