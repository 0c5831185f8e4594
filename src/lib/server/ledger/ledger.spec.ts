import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTO_CONFIRM_DAYS, DAY_MS, DISPUTE_WINDOW_DAYS } from '../../engine/rulebook/lifecycle';
import * as attempts from '../attempts';
import * as audit from '../audit';
import type { SessionUser } from '../auth';
import * as criteria from '../criteria';
import { getDb } from '../db';
import { disputes, ledgerEntries } from '../db/schema';
import * as ledger from '.';
import * as reviews from '../reviews';
import {
	asSession,
	assignCertification,
	makeMember,
	makeTeam,
	makeUser,
	publishLibrary
} from '../testing/factories';

const good = [
	'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
	'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
	'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
];
const rude = 'Calm down. Are you stupid? That is your own fault.';
const PUBLISHED = new Date('2026-01-01T00:00:00Z');

function play(
	user: SessionUser,
	mode: 'practice' | 'certification',
	replies: string[],
	now?: Date
) {
	const { attempt } = attempts.start(user, 'rude-call', mode, now)!;
	let result;
	for (const [turn, text] of replies.entries())
		result = attempts.reply(user, attempt.id, turn, text, { now });
	return { id: attempt.id, result: result! };
}

let teamA: Awaited<ReturnType<typeof makeTeam>>;
let teamB: Awaited<ReturnType<typeof makeTeam>>;
let admin: SessionUser;
let secondAdmin: SessionUser;

beforeAll(async () => {
	publishLibrary(PUBLISHED);
	teamA = await makeTeam('A');
	teamB = await makeTeam('B');
	admin = asSession(await makeUser('admin'));
	secondAdmin = asSession(await makeUser('admin'));
});

const linesOf = (user: SessionUser) => ledger.forUser(user, user.id)!;
const entry = (id: number) =>
	getDb().select().from(ledgerEntries).where(eq(ledgerEntries.id, id)).get()!;

/** Confirms every held entry of a person, as a reviewer would: they become proposed. */
function confirmHeld(user: SessionUser) {
	for (const item of reviews.queueFor(admin).filter((q) => q.employee.id === user.id))
		reviews.decide(admin, item.id, 'confirm', 'the reply was rude: checked');
}

/**
 * A trainee of team A (or B) with a proposed −10 penalty from a certification: held for review on
 * a new installation, then confirmed by a reviewer.
 */
async function penalised(team = teamA) {
	const user = await makeMember(team.team.id);
	assignCertification(user.id);
	play(user, 'certification', ['Calm down, are you stupid?']);
	confirmHeld(user);
	const line = linesOf(user).find((l) => l.clause.code === 'P-01')!;
	return { user, line };
}

describe('the rulebook', () => {
	it('publishes each clause once, with more rewards than penalties, and versions a change', () => {
		const inForce = criteria.inForce();
		const kinds = inForce.map((c) => c.kind);
		expect(kinds.filter((k) => k === 'reward').length).toBeGreaterThan(
			kinds.filter((k) => k === 'penalty').length
		);
		expect(inForce.map((c) => `${c.code}@${c.version}`)).toEqual(
			expect.arrayContaining(['R-01@1', 'P-01@1'])
		);
		const loaded = criteria.loadCatalogue();
		if (!loaded.ok) throw new Error('catalogue');
		expect(criteria.publishCatalogue(loaded.catalogue)).toEqual([]);
		expect(() =>
			getDb().$client.prepare("update criteria_versions set kind = 'penalty'").run()
		).toThrow(/immutable/);
	});

	it('records acknowledgements and lists who has not acknowledged', async () => {
		const user = await makeMember(null);
		expect(criteria.unacknowledged(user.id).length).toBeGreaterThan(0);
		expect(criteria.acknowledge(user.id)).toBeGreaterThan(0);
		expect(criteria.unacknowledged(user.id)).toEqual([]);
	});
});

describe('entries from attempts', () => {
	it('never creates an entry from a practice attempt, even with a critical violation', async () => {
		const user = await makeMember(teamA.team.id);
		expect(play(user, 'practice', [rude]).result.done).toBe(true);
		expect(linesOf(user)).toEqual([]);
	});

	it('holds a penalty for disrespect in certification for review, citing the clause, the attempt, the turn and the words; confirmed, it is proposed and names the reviewer', async () => {
		const user = await makeMember(teamA.team.id);
		assignCertification(user.id);
		const { id } = play(user, 'certification', [rude]);
		const [held] = linesOf(user).filter((e) => e.clause.code === 'P-01');
		// On a new installation no criterion has proven itself in calibration: a person decides.
		expect(held).toMatchObject({
			kind: 'penalty',
			points: -10,
			status: 'awaiting_review',
			counted: false,
			attemptId: id,
			turnIndex: 1
		});
		expect(held.decidedBy).toMatch(/^rule:P-01@\d+$/);
		expect(held.quote).toMatch(/calm down|stupid|own fault/i);
		expect(ledger.balance(linesOf(user))).toBe(0);
		const item = reviews.queueFor(admin).find((q) => q.entryId === held.id)!;
		expect(item).toMatchObject({ status: 'pending', reason: 'needs_review', lang: 'en' });
		expect(['disrespect', 'blame_shift']).toContain(item.violation);
		// Not disputable while held.
		expect(() => ledger.dispute(user, held.id, 'I was not rude')).toThrow(ledger.LedgerRefused);

		reviews.decide(admin, item.id, 'confirm', 'Rude to the caller: checked.');
		const [line] = linesOf(user).filter((e) => e.clause.code === 'P-01');
		expect(line).toMatchObject({ status: 'proposed', reviewedBy: admin.id, counted: true });
		expect(ledger.balance(linesOf(user))).toBe(
			linesOf(user)
				.filter((l) => l.counted)
				.reduce((n, l) => n + l.points, 0)
		);
		expect(
			linesOf(user)
				.filter((l) => l.counted)
				.map((l) => l.id)
		).toContain(line.id);
		expect(audit.verify()).toBeNull();
	});

	it('rewards a resolved certification and offsets the recent penalty of the same scenario', async () => {
		const user = await makeMember(teamA.team.id);
		assignCertification(user.id);
		play(user, 'certification', [rude]);
		confirmHeld(user);
		assignCertification(user.id);
		const { result } = play(user, 'certification', good);
		expect(result.outcome).toBe('resolved');
		const lines = linesOf(user);
		expect(lines.some((l) => l.clause.code === 'R-03' && l.points > 0)).toBe(true);
		const penalty = lines.find((l) => l.clause.code === 'P-01' && !l.reversesEntryId)!;
		expect(penalty.status).toBe('reversed');
		expect(lines.find((l) => l.reversesEntryId === penalty.id)?.points).toBe(10);
		expect(ledger.balance(lines)).toBe(
			lines.filter((l) => l.kind === 'reward').reduce((n, l) => n + l.points, 0)
		);
	});

	it('applies no clause to an attempt that ended before the clause was published', async () => {
		const user = await makeMember(teamA.team.id);
		assignCertification(user.id);
		play(user, 'certification', [rude], new Date('2025-06-01T10:00:00Z'));
		expect(linesOf(user)).toEqual([]);
	});

	it('holds the monthly cap of a clause', async () => {
		const user = await makeMember(teamA.team.id);
		for (let i = 0; i < 3; i++) {
			assignCertification(user.id);
			play(user, 'certification', [rude]);
		}
		expect(linesOf(user).filter((l) => l.clause.code === 'P-01')).toHaveLength(1);
	});

	it('refuses at the database to edit or delete an entry, or to break its sign', async () => {
		const { line } = await penalised();
		const db = getDb().$client;
		expect(() => db.prepare('update ledger_entries set points = 0').run()).toThrow(/never edited/);
		expect(() => db.prepare('delete from ledger_entries').run()).toThrow(/never deleted/);
		const insert = (points: number, extra = '') =>
			db
				.prepare(
					`insert into ledger_entries (user_id, criteria_version_id, kind, points, status, period, decided_by, created_at${extra ? `, ${extra.split('=')[0]}` : ''}) values (?, ?, 'penalty', ?, 'confirmed', '2026-01', 'test', 0${extra ? `, ${extra.split('=')[1]}` : ''})`
				)
				.run(line.userId, line.criteriaVersionId, points);
		expect(() => insert(5)).toThrow(/negative/);
		expect(() => insert(-20, `adjusts_entry_id=${line.id}`)).toThrow(/smaller/);
		expect(() => insert(5, `reverses_entry_id=${line.id}`)).toThrow(/cancels/);
		expect(() =>
			db.prepare(`update ledger_entries set status = 'paid' where id = ?`).run(line.id)
		).toThrow(/only a confirmed reward/);
	});
});

describe('finding 6: penalties only under a version the employee saw', () => {
	it('proposes no penalty under a version published less than 7 days before and not acknowledged; rewards still apply', async () => {
		const loaded = criteria.loadCatalogue();
		if (!loaded.ok) throw new Error('catalogue');
		const p01 = structuredClone(loaded.catalogue.clauses.find((c) => c.code === 'P-01')!);
		const r03 = structuredClone(loaded.catalogue.clauses.find((c) => c.code === 'R-03')!);
		p01.definition.en += ' (revised)';
		r03.definition.en += ' (revised)';
		const at = new Date('2026-06-01T00:00:00Z');
		criteria.publishCatalogue({ ...loaded.catalogue, clauses: [p01, r03] }, at);
		const unseen = await makeMember(teamA.team.id);
		assignCertification(unseen.id);
		play(unseen, 'certification', [rude], new Date('2026-06-03T10:00:00Z'));
		// P-01 changed five days ago and they never acknowledged it; P-02 (also triggered) is old.
		expect(linesOf(unseen).filter((l) => l.clause.code === 'P-01')).toEqual([]);
		expect(linesOf(unseen).some((l) => l.clause.code === 'P-02')).toBe(true);

		const acknowledged = await makeMember(teamA.team.id);
		criteria.acknowledge(acknowledged.id, new Date('2026-06-02T10:00:00Z'));
		assignCertification(acknowledged.id);
		play(acknowledged, 'certification', [rude], new Date('2026-06-03T10:00:00Z'));
		expect(linesOf(acknowledged).find((l) => l.clause.code === 'P-01')?.clause.version).toBe(2);

		const weekLater = await makeMember(teamA.team.id);
		assignCertification(weekLater.id);
		play(weekLater, 'certification', [rude], new Date('2026-06-08T10:00:00Z'));
		expect(linesOf(weekLater).some((l) => l.clause.code === 'P-01')).toBe(true);

		const rewarded = await makeMember(teamA.team.id);
		assignCertification(rewarded.id);
		play(rewarded, 'certification', good, new Date('2026-06-03T10:00:00Z'));
		expect(linesOf(rewarded).find((l) => l.clause.code === 'R-03')?.clause.version).toBe(2);
	});
});

describe('finding 1: every ledger operation checks scope on the entry acted on', () => {
	it('refuses another team’s supervisor every operation, and changes nothing', async () => {
		const { user, line } = await penalised(teamB);
		const outsider = teamA.supervisor;
		const before = entry(line.id);
		expect(() => ledger.confirm(outsider, line.id)).toThrow(ledger.LedgerRefused);
		expect(() => ledger.reverse(outsider, line.id, 'no')).toThrow(ledger.LedgerRefused);
		const d = ledger.dispute(user, line.id, 'I quoted the customer.');
		for (const act of [
			() => ledger.rule(outsider, d.id, 'accepted', 'yes'),
			() => ledger.rule(outsider, d.id, 'partial', 'half', -5),
			() => ledger.rule(outsider, d.id, 'rejected', 'no')
		])
			expect(act).toThrowError(expect.objectContaining({ reason: 'not_found' }));
		expect(entry(line.id)).toEqual(before);
		expect(getDb().select().from(disputes).where(eq(disputes.id, d.id)).get()?.status).toBe('open');
	});

	it('lets only the owner dispute, and not another trainee or the supervisor', async () => {
		const { line } = await penalised(teamB);
		const other = await makeMember(teamB.team.id);
		expect(() => ledger.dispute(other, line.id, 'not mine')).toThrowError(
			expect.objectContaining({ reason: 'not_found' })
		);
		expect(() => ledger.dispute(teamB.supervisor, line.id, 'mine?')).toThrowError(
			expect.objectContaining({ reason: 'not_allowed' })
		);
	});

	it('refuses a trainee every manager operation on their own entry', async () => {
		const { user, line } = await penalised();
		expect(() => ledger.confirm(user, line.id)).toThrowError(
			expect.objectContaining({ reason: 'not_allowed' })
		);
		expect(() => ledger.reverse(user, line.id, 'please')).toThrowError(
			expect.objectContaining({ reason: 'not_allowed' })
		);
	});

	it('does not reveal a ledger outside one’s scope', async () => {
		const { user } = await penalised(teamB);
		expect(ledger.forUser(teamA.supervisor, user.id)).toBeNull();
		expect(ledger.forUser(await makeMember(teamB.team.id), user.id)).toBeNull();
		expect(ledger.forUser(teamB.supervisor, user.id)).not.toBeNull();
		expect(ledger.forUser(admin, user.id)).not.toBeNull();
	});
});

describe('finding 2: rulings are bounded', () => {
	it('keeps a partial ruling’s sign and makes it strictly smaller', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Too harsh for one word.');
		for (const points of [500, 10, -10, -11, 0, -1_000_000, NaN, 2.5])
			expect(() => ledger.rule(teamA.supervisor, d.id, 'partial', 'half', points)).toThrowError(
				expect.objectContaining({ reason: 'bad_points' })
			);
		expect(entry(line.id).status).toBe('proposed');
		ledger.rule(teamA.supervisor, d.id, 'partial', 'Half the points.', -5);
		const lines = linesOf(user);
		expect(ledger.balance(lines)).toBe(-5);
		const replacement = lines.find((l) => l.adjustsEntryId === line.id)!;
		expect(replacement).toMatchObject({ points: -5, kind: 'penalty', status: 'confirmed' });
		expect(() => ledger.markPaid(teamA.supervisor, replacement.id)).toThrowError(
			expect.objectContaining({ reason: 'not_a_reward' })
		);
	});

	it('pays rewards only, once', async () => {
		const user = await makeMember(teamA.team.id);
		assignCertification(user.id);
		play(user, 'certification', good);
		const reward = linesOf(user).find((l) => l.points > 0)!;
		expect(() => ledger.markPaid(teamA.supervisor, reward.id)).toThrowError(
			expect.objectContaining({ reason: 'wrong_status' })
		);
		ledger.confirm(teamA.supervisor, reward.id);
		ledger.markPaid(admin, reward.id);
		expect(() => ledger.markPaid(admin, reward.id)).toThrowError(
			expect.objectContaining({ reason: 'wrong_status' })
		);
		expect(entry(reward.id).status).toBe('paid');
	});

	it('needs a written reason for every ruling', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Unfair.');
		expect(() => ledger.rule(teamA.supervisor, d.id, 'rejected', '   ')).toThrowError(
			expect.objectContaining({ reason: 'reason_required' })
		);
	});
});

describe('finding 3: the lifecycle has no dead ends', () => {
	it('a rejected dispute leaves the entry confirmable, by hand and by the clock', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Unfair.');
		expect(() => ledger.confirm(teamA.supervisor, line.id)).toThrowError(
			expect.objectContaining({ reason: 'open_dispute' })
		);
		ledger.rule(teamA.supervisor, d.id, 'rejected', 'Sarcasm is disrespect.');
		const later = new Date(line.createdAt.getTime() + (AUTO_CONFIRM_DAYS + 1) * DAY_MS);
		expect(ledger.autoConfirm(later)).toBeGreaterThan(0);
		expect(entry(line.id).status).toBe('confirmed');

		const second = await penalised();
		const d2 = ledger.dispute(second.user, second.line.id, 'Unfair too.');
		ledger.rule(teamA.supervisor, d2.id, 'rejected', 'No.');
		ledger.confirm(teamA.supervisor, second.line.id);
		expect(entry(second.line.id).status).toBe('confirmed');
	});

	it('a final ruling overturning a rejection reverses the entry, and its reason is kept', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Unfair.');
		ledger.rule(teamA.supervisor, d.id, 'rejected', 'Sarcasm is disrespect.');
		expect(ledger.balance(linesOf(user))).toBe(-10);
		ledger.finalRuling(admin, d.id, 'overturned', 'The rubric misread a quotation.');
		expect(ledger.balance(linesOf(user))).toBe(0);
		const view = ledger.ledgerView(user, user.id)!;
		expect(view.lines.find((l) => l.id === line.id)?.dispute).toMatchObject({
			state: 'overturned',
			finalText: 'The rubric misread a quotation.'
		});
		expect(() => ledger.finalRuling(admin, d.id, 'upheld', 'again')).toThrowError(
			expect.objectContaining({ reason: 'wrong_status' })
		);
	});

	it('a final ruling overturning a partial ruling removes what remained', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Too harsh.');
		ledger.rule(teamA.supervisor, d.id, 'partial', 'Half.', -4);
		expect(ledger.balance(linesOf(user))).toBe(-4);
		ledger.finalRuling(admin, d.id, 'overturned', 'Nothing was wrong.');
		expect(ledger.balance(linesOf(user))).toBe(0);
	});

	it('the admin who gave the first ruling cannot give the final one', async () => {
		const { user, line } = await penalised();
		const d = ledger.dispute(user, line.id, 'Unfair.');
		ledger.rule(admin, d.id, 'rejected', 'No.');
		expect(() => ledger.finalRuling(admin, d.id, 'upheld', 'Still no.')).toThrowError(
			expect.objectContaining({ reason: 'ruled_by_you' })
		);
		ledger.finalRuling(secondAdmin, d.id, 'upheld', 'The first ruling stands.');
	});

	it('only the employee may dispute, and only within the published days', async () => {
		const { user, line } = await penalised();
		const late = new Date(line.createdAt.getTime() + (DISPUTE_WINDOW_DAYS + 1) * DAY_MS);
		expect(() => ledger.dispute(user, line.id, 'too late', late)).toThrowError(
			expect.objectContaining({ reason: 'window_closed' })
		);
	});

	it('a supervisor can withdraw an entry with a reason, as a linked reversal', async () => {
		const { user, line } = await penalised();
		expect(() => ledger.reverse(teamA.supervisor, line.id, ' ')).toThrowError(
			expect.objectContaining({ reason: 'reason_required' })
		);
		ledger.reverse(teamA.supervisor, line.id, 'The customer had been abusive first.');
		expect(entry(line.id).status).toBe('reversed');
		expect(ledger.balance(linesOf(user))).toBe(0);
		expect(audit.verify()).toBeNull();
	});
});

describe('finding 7: a certification assignment is played once', () => {
	it('resumes the open certification instead of starting a second, and closes the assignment when it ends', async () => {
		const user = await makeMember(teamA.team.id);
		assignCertification(user.id);
		const first = attempts.start(user, 'rude-call', 'certification')!;
		const again = attempts.start(user, 'rude-call', 'certification')!;
		expect(again.attempt.id).toBe(first.attempt.id);
		expect(again.resumed).toBe(true);
		attempts.reply(user, first.attempt.id, 0, rude);
		expect(() => attempts.start(user, 'rude-call', 'certification')).toThrow(attempts.NotAllowed);
		expect(() =>
			getDb()
				.$client.prepare(
					`insert into attempts (user_id, scenario_version_id, rubric_version_id, assignment_id, mode, seed, snapshot, state, mood, started_at)
				 select user_id, scenario_version_id, rubric_version_id, assignment_id, mode, seed, snapshot, state, mood, started_at from attempts where id = ?`
				)
				.run(first.attempt.id)
		).toThrow(/UNIQUE/);
	});
});

describe('who a clause applies to', () => {
	it('limits a clause to the teams it names', async () => {
		const loaded = criteria.loadCatalogue();
		if (!loaded.ok) throw new Error('catalogue');
		const p02 = structuredClone(loaded.catalogue.clauses.find((c) => c.code === 'P-02')!);
		p02.teams = [teamB.team.name];
		criteria.publishCatalogue({ ...loaded.catalogue, clauses: [p02] }, PUBLISHED);
		const inA = await makeMember(teamA.team.id);
		const inB = await makeMember(teamB.team.id);
		for (const user of [inA, inB]) {
			assignCertification(user.id);
			play(user, 'certification', ['That is your own fault, call the manufacturer.']);
		}
		expect(linesOf(inA).some((l) => l.clause.code === 'P-02')).toBe(false);
		expect(linesOf(inB).some((l) => l.clause.code === 'P-02')).toBe(true);
	});
});

describe('the audit trail', () => {
	it('names the first row that was tampered with', async () => {
		expect(audit.verify()).toBeNull();
		const rows = getDb().all<{ id: number }>(sql`select id from audit_log order by id`);
		expect(rows.length).toBeGreaterThan(2);
		const target = rows[1].id;
		getDb().run(sql`drop trigger audit_log_no_update`);
		getDb().run(sql`update audit_log set payload = '{"forged":true}' where id = ${target}`);
		expect(audit.verify()).toEqual({
			id: target,
			reason: 'its content was changed after it was written'
		});
	});
});
