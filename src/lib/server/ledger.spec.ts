import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as attempts from './attempts';
import * as audit from './audit';
import type { SessionUser } from './auth';
import * as content from './content';
import * as criteria from './criteria';
import { getDb } from './db';
import { assignments } from './db/schema';
import * as ledger from './ledger';
import { makeUser } from './testing/factories';

const good = [
	'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
	'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
	'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
];
const rude = 'Calm down. Are you stupid? That is your own fault.';

async function trainee(): Promise<SessionUser> {
	const u = await makeUser('trainee');
	return {
		id: u.id,
		username: u.username,
		displayName: u.displayName,
		role: 'trainee',
		teamId: null,
		locale: 'en'
	};
}

function assign(user: SessionUser, scenarioKey = 'rude-call') {
	getDb()
		.insert(assignments)
		.values({
			userId: user.id,
			scenarioKey,
			mode: 'certification',
			dueAt: new Date(Date.now() + 86_400_000)
		})
		.run();
}

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

beforeAll(() => {
	content.importFiles();
	const loaded = criteria.loadCatalogue();
	if (!loaded.ok) throw new Error('catalogue');
	criteria.publishCatalogue(loaded.catalogue, null, new Date('2026-01-01T00:00:00Z'));
});

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
		expect(criteria.publishCatalogue(loaded.catalogue, null)).toEqual([]);
		const changed = structuredClone(loaded.catalogue);
		changed.clauses[0].points = 25;
		expect(criteria.publishCatalogue(changed, null)).toEqual(['R-01@2']);
		expect(criteria.history('R-01').map((c) => c.version)).toEqual([1, 2]);
		expect(() =>
			getDb().$client.prepare("update criteria_versions set kind = 'penalty'").run()
		).toThrow(/immutable/);
	});

	it('records acknowledgements and lists who has not acknowledged', async () => {
		const user = await trainee();
		expect(criteria.unacknowledged(user.id).length).toBeGreaterThan(0);
		expect(criteria.acknowledge(user.id)).toBeGreaterThan(0);
		expect(criteria.unacknowledged(user.id)).toEqual([]);
	});
});

describe('ledger entries from attempts', () => {
	it('never creates an entry from a practice attempt, even with a critical violation', async () => {
		const user = await trainee();
		const { result } = play(user, 'practice', [rude]);
		expect(result.done).toBe(true);
		expect(ledger.forUser(user.id)).toEqual([]);
	});

	it('proposes a penalty for disrespect in certification, citing the clause, the attempt, the turn and the words', async () => {
		const user = await trainee();
		assign(user);
		const { id, result } = play(user, 'certification', [rude]);
		expect(result.done).toBe(true);
		const [entry] = ledger.forUser(user.id).filter((e) => e.code === 'P-01');
		expect(entry).toMatchObject({
			kind: 'penalty',
			points: -10,
			status: 'proposed',
			attemptId: id,
			turnIndex: 1
		});
		expect(entry.quote).toMatch(/calm down|stupid|own fault/i);
		expect(entry.decidedBy).toBe('rule:P-01@1');
		expect(audit.verify()).toBeNull();
	});

	it('rewards a resolved certification and offsets the recent penalty of the same scenario', async () => {
		const user = await trainee();
		assign(user);
		play(user, 'certification', [rude]);
		assign(user);
		const { result } = play(user, 'certification', good);
		expect(result.outcome).toBe('resolved');
		const lines = ledger.forUser(user.id);
		expect(lines.some((l) => l.code === 'R-03' && l.points > 0)).toBe(true);
		const penalty = lines.find((l) => l.code === 'P-01' && l.points < 0 && !l.reversesEntryId)!;
		expect(penalty.status).toBe('reversed');
		expect(lines.find((l) => l.reversesEntryId === penalty.id)?.points).toBe(10);
		expect(ledger.balance(lines)).toBe(
			lines
				.filter((l) => l.code === 'R-03' || l.code === 'R-01' || l.code === 'R-02')
				.reduce((n, l) => n + l.points, 0)
		);
	});

	it('applies no clause to an attempt that ended before the clause was published', async () => {
		const user = await trainee();
		assign(user);
		play(user, 'certification', [rude], new Date('2025-06-01T10:00:00Z'));
		expect(ledger.forUser(user.id)).toEqual([]);
	});

	it('holds the monthly cap of a clause', async () => {
		const user = await trainee();
		for (let i = 0; i < 3; i++) {
			assign(user);
			play(user, 'certification', [rude]);
		}
		expect(ledger.forUser(user.id).filter((l) => l.code === 'P-01')).toHaveLength(1);
	});

	it('refuses to edit or delete an entry', async () => {
		const user = await trainee();
		assign(user);
		play(user, 'certification', [rude]);
		expect(() => getDb().$client.prepare('update ledger_entries set points = 0').run()).toThrow(
			/never edited/
		);
		expect(() => getDb().$client.prepare('delete from ledger_entries').run()).toThrow(
			/never deleted/
		);
	});
});

describe('confirmation, payment and disputes', () => {
	let boss = 0;
	let admin = 0;
	beforeAll(async () => {
		boss = (await makeUser('supervisor')).id;
		admin = (await makeUser('admin')).id;
	});

	async function penalised() {
		const user = await trainee();
		assign(user);
		play(user, 'certification', ['Calm down, are you stupid?']);
		const entry = ledger.forUser(user.id).find((l) => l.code === 'P-01')!;
		return { user, entry };
	}

	it('accepting a dispute reverses the entry and restores the balance', async () => {
		const { user, entry } = await penalised();
		const d = ledger.dispute(user.id, entry.id, 'I was quoting what my colleague said.');
		expect(() => ledger.dispute(user.id, entry.id, 'again')).toThrow(ledger.LedgerRefused);
		expect(() => ledger.confirm(boss, entry.id)).toThrow(ledger.LedgerRefused);
		ledger.rule(boss, d.id, 'accepted', 'The words were a quotation.');
		const lines = ledger.forUser(user.id);
		expect(lines.find((l) => l.id === entry.id)?.status).toBe('reversed');
		expect(ledger.balance(lines)).toBe(0);
		expect(() => ledger.rule(boss, d.id, 'rejected', 'twice')).toThrow(ledger.LedgerRefused);
	});

	it('a partial acceptance replaces the entry with an adjusted one', async () => {
		const { user, entry } = await penalised();
		const d = ledger.dispute(user.id, entry.id, 'Too harsh for one word.');
		ledger.rule(boss, d.id, 'partial', 'Half the points.', -5);
		expect(ledger.balance(ledger.forUser(user.id))).toBe(-5);
	});

	it('a rejection stands until the one final ruling overturns it', async () => {
		const { user, entry } = await penalised();
		const d = ledger.dispute(user.id, entry.id, 'Unfair.');
		ledger.rule(boss, d.id, 'rejected', 'Sarcasm is disrespect.');
		expect(ledger.balance(ledger.forUser(user.id))).toBe(-10);
		ledger.finalRuling(admin, d.id, 'overturned', 'The rubric misread a quotation.');
		expect(ledger.balance(ledger.forUser(user.id))).toBe(0);
		expect(() => ledger.finalRuling(admin, d.id, 'upheld', 'again')).toThrow(ledger.LedgerRefused);
	});

	it('only the employee may dispute, and only within the published days', async () => {
		const { user, entry } = await penalised();
		const other = await trainee();
		expect(() => ledger.dispute(other.id, entry.id, 'not mine')).toThrow(ledger.LedgerRefused);
		const late = new Date(
			entry.createdAt.getTime() + (ledger.DISPUTE_WINDOW_DAYS + 1) * 86_400_000
		);
		expect(() => ledger.dispute(user.id, entry.id, 'too late', late)).toThrow(ledger.LedgerRefused);
	});

	it('confirms undisputed entries after the published days, and pays confirmed rewards', async () => {
		const { user, entry } = await penalised();
		expect(ledger.autoConfirm(new Date(entry.createdAt.getTime() + 86_400_000))).toBe(0);
		const later = new Date(entry.createdAt.getTime() + (ledger.AUTO_CONFIRM_DAYS + 1) * 86_400_000);
		expect(ledger.autoConfirm(later)).toBeGreaterThan(0);
		expect(ledger.forUser(user.id).find((l) => l.id === entry.id)?.status).toBe('confirmed');
		expect(() => ledger.markPaid(admin, entry.id)).toThrow(ledger.LedgerRefused);
		const good = await trainee();
		assign(good);
		play(good, 'certification', [
			'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
			'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
			'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
		]);
		const reward = ledger.forUser(good.id).find((l) => l.points > 0)!;
		ledger.confirm(boss, reward.id);
		ledger.markPaid(admin, reward.id);
		expect(ledger.forUser(good.id).find((l) => l.id === reward.id)?.status).toBe('paid');
		expect(audit.verify()).toBeNull();
	});
});

describe('the audit trail', () => {
	it('names the first row that was tampered with', async () => {
		expect(audit.verify()).toBeNull();
		const rows = getDb().all<{ id: number }>(sql`select id from audit_log order by id`);
		expect(rows.length).toBeGreaterThan(2);
		const target = rows[1].id;
		// Someone with the file drops the guard and edits a payload.
		getDb().run(sql`drop trigger audit_log_no_update`);
		getDb().run(sql`update audit_log set payload = '{"forged":true}' where id = ${target}`);
		expect(audit.verify()).toEqual({
			id: target,
			reason: 'its content was changed after it was written'
		});
	});
});

describe('month end', () => {
	it('rewards a month whose assignments were all done before they were due, once', async () => {
		const user = await trainee();
		const dueAt = new Date('2026-03-20T00:00:00Z');
		getDb()
			.insert(assignments)
			.values({ userId: user.id, scenarioKey: 'rude-call', mode: 'certification', dueAt })
			.run();
		play(user, 'certification', ['Calm down, are you stupid?'], new Date('2026-03-10T09:00:00Z'));
		const late = await trainee();
		getDb()
			.insert(assignments)
			.values({ userId: late.id, scenarioKey: 'rude-call', mode: 'certification', dueAt })
			.run();
		play(late, 'certification', ['Calm down, are you stupid?'], new Date('2026-03-25T09:00:00Z'));
		expect(ledger.closePeriod('2026-03', new Date('2026-03-30T00:00:00Z'))).toEqual([]);
		const created = ledger.closePeriod('2026-03', new Date('2026-04-02T00:00:00Z'));
		expect(created.map((e) => e.userId)).toEqual([user.id]);
		expect(ledger.closePeriod('2026-03', new Date('2026-04-03T00:00:00Z'))).toEqual([]);
		expect(ledger.forUser(user.id).find((l) => l.code === 'R-04')).toMatchObject({
			points: 15,
			period: '2026-03'
		});
	});

	it('counts working days for the ruling deadline', () => {
		expect(
			ledger.workingDaysBetween(new Date('2026-11-20T10:00:00Z'), new Date('2026-11-27T10:00:00Z'))
		).toBe(5);
	});
});

describe('who a clause applies to', () => {
	it('limits a clause to the teams it names', async () => {
		const loaded = criteria.loadCatalogue();
		if (!loaded.ok) throw new Error('catalogue');
		const limited = structuredClone(loaded.catalogue);
		const p02 = limited.clauses.find((c) => c.code === 'P-02')!;
		p02.teams = ['A team nobody is in'];
		criteria.publishCatalogue({ ...limited, clauses: [p02] }, null);
		const user = await trainee();
		assign(user);
		play(user, 'certification', ['That is your own fault, call the manufacturer.']);
		expect(ledger.forUser(user.id).some((l) => l.code === 'P-02')).toBe(false);
	});
});
