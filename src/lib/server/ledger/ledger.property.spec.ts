import fc from 'fast-check';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../engine/rulebook/lifecycle';
import { periodOf, previousPeriod } from '../../engine/rulebook/period';
import * as attempts from '../attempts';
import * as audit from '../audit';
import type { SessionUser } from '../auth';
import { getDb } from '../db';
import { auditLog, disputes, ledgerEntries, reviewQueue } from '../db/schema';
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

const replies = {
	rude: ['Calm down. Are you stupid? That is your own fault.'],
	good: [
		'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
		'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
		'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
	]
};

type Who = 'owner' | 'supervisor' | 'outsider' | 'admin' | 'admin2';
const who = fc.constantFrom<Who>('owner', 'supervisor', 'outsider', 'admin', 'admin2');
const pick = fc.nat(20);
const op = fc.oneof(
	fc.record({ type: fc.constant('certify' as const), play: fc.constantFrom('rude', 'good') }),
	fc.record({ type: fc.constant('confirm' as const), who, entry: pick }),
	fc.record({ type: fc.constant('pay' as const), who, entry: pick }),
	fc.record({ type: fc.constant('reverse' as const), who, entry: pick }),
	fc.record({ type: fc.constant('dispute' as const), who, entry: pick }),
	fc.record({
		type: fc.constant('rule' as const),
		who,
		dispute: pick,
		decision: fc.constantFrom('accepted', 'partial', 'rejected' as const),
		points: fc.integer({ min: -25, max: 25 })
	}),
	fc.record({
		type: fc.constant('final' as const),
		who,
		dispute: pick,
		decision: fc.constantFrom('upheld', 'overturned' as const)
	}),
	fc.record({
		type: fc.constant('review' as const),
		who,
		item: pick,
		decision: fc.constantFrom('confirm', 'reject' as const)
	}),
	fc.record({ type: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 9 }) }),
	fc.record({ type: fc.constant('jobs' as const) })
);

let team: Awaited<ReturnType<typeof makeTeam>>;
let outsider: SessionUser;
let admin: SessionUser;
let admin2: SessionUser;

beforeAll(async () => {
	publishLibrary(new Date('2025-01-01T00:00:00Z'));
	team = await makeTeam('Prop');
	outsider = (await makeTeam('Other')).supervisor;
	admin = asSession(await makeUser('admin'));
	admin2 = asSession(await makeUser('admin'));
});

/** What is stored about one person: compared before and after a refused operation. */
function stored(userId: number) {
	const entries = getDb()
		.select()
		.from(ledgerEntries)
		.where(eq(ledgerEntries.userId, userId))
		.all();
	return {
		entries,
		disputes: getDb().select().from(disputes).where(eq(disputes.userId, userId)).all(),
		held: getDb()
			.select({ item: reviewQueue })
			.from(reviewQueue)
			.innerJoin(ledgerEntries, eq(reviewQueue.entryId, ledgerEntries.id))
			.where(eq(ledgerEntries.userId, userId))
			.all()
	};
}

function checkInvariants(owner: SessionUser, now: Date) {
	const { entries } = stored(owner.id);
	const byId = new Map(entries.map((e) => [e.id, e]));
	for (const e of entries) {
		if (e.reversesEntryId !== null) {
			const original = byId.get(e.reversesEntryId)!;
			expect(e.points).toBe(-original.points);
			expect(original.status).toBe('reversed');
		} else if (e.adjustsEntryId !== null) {
			const original = byId.get(e.adjustsEntryId)!;
			expect(Math.sign(e.points)).toBe(Math.sign(original.points));
			expect(Math.abs(e.points)).toBeLessThan(Math.abs(original.points));
		} else {
			// An original cites its evidence: the attempt and the words, or the month's assignments.
			expect(e.quote).toBeTruthy();
			if (e.attemptId === null) expect(e.kind).toBe('reward');
		}
		expect(e.kind === 'reward' ? e.points > 0 || e.reversesEntryId !== null : true).toBe(true);
		if (e.status === 'paid') expect(e.kind).toBe('reward');
	}
	const payments = getDb()
		.select({ payload: auditLog.payload })
		.from(auditLog)
		.where(eq(auditLog.action, 'ledger.pay'))
		.all()
		.map((r) => (JSON.parse(r.payload) as { entry: number }).entry)
		.filter((id) => byId.has(id));
	expect(new Set(payments).size).toBe(payments.length);
	// Two views of one ledger agree: the statuses' balance and the sum of every line written
	// (a reversal and its original cancel out; held and dismissed lines never count). No penalty
	// expires within a run.
	const lines = ledger.forUser(owner, owner.id, now)!;
	expect(ledger.balance(lines, now)).toBe(
		entries
			.filter((e) => e.status !== 'awaiting_review' && e.status !== 'dismissed')
			.reduce((n, e) => n + e.points, 0)
	);
	// A held entry has its queue item, pending; a settled one was decided once.
	for (const e of entries) {
		const item = getDb().select().from(reviewQueue).where(eq(reviewQueue.entryId, e.id)).get();
		if (e.status === 'awaiting_review') expect(item?.status).toBe('pending');
		if (e.status === 'dismissed') expect(item?.status).toBe('rejected');
		if (e.reviewedBy !== null) expect(item?.status).toBe('confirmed');
	}
	expect(audit.verify()).toBeNull();
}

describe('the ledger under random sequences of operations', () => {
	it('keeps its invariants after every step, and a refused step changes nothing', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 18 }), async (ops) => {
				run += 1;
				const owner = await makeMember(team.team.id);
				const people: Record<Who, SessionUser> = {
					owner,
					supervisor: team.supervisor,
					outsider,
					admin,
					admin2
				};
				// Each run lives in its own stretch of time, well under the 60 days a penalty lasts.
				let now = new Date(Date.UTC(2026, 0, 1) + run * 40 * DAY_MS);
				const entryIds = () => stored(owner.id).entries.map((e) => e.id);
				const disputeIds = () => stored(owner.id).disputes.map((d) => d.id);
				const at = <T>(list: T[], i: number) => list[i % Math.max(1, list.length)];
				for (const step of ops) {
					const before = stored(owner.id);
					try {
						switch (step.type) {
							case 'certify': {
								assignCertification(owner.id, 'rude-call', new Date(now.getTime() + DAY_MS));
								const { attempt } = attempts.start(owner, 'rude-call', 'certification', now)!;
								for (const [turn, text] of replies[step.play].entries())
									attempts.reply(owner, attempt.id, turn, text, { now });
								break;
							}
							case 'confirm':
								ledger.confirm(people[step.who], at(entryIds(), step.entry) ?? -1, now);
								break;
							case 'pay':
								ledger.markPaid(people[step.who], at(entryIds(), step.entry) ?? -1, now);
								break;
							case 'reverse':
								ledger.reverse(people[step.who], at(entryIds(), step.entry) ?? -1, 'why', now);
								break;
							case 'dispute':
								ledger.dispute(people[step.who], at(entryIds(), step.entry) ?? -1, 'unfair', now);
								break;
							case 'rule':
								ledger.rule(
									people[step.who],
									at(disputeIds(), step.dispute) ?? -1,
									step.decision,
									'reason',
									step.points,
									now
								);
								break;
							case 'final':
								ledger.finalRuling(
									people[step.who],
									at(disputeIds(), step.dispute) ?? -1,
									step.decision,
									'final reason',
									now
								);
								break;
							case 'review': {
								const items = getDb()
									.select({ id: reviewQueue.id })
									.from(reviewQueue)
									.innerJoin(ledgerEntries, eq(reviewQueue.entryId, ledgerEntries.id))
									.where(eq(ledgerEntries.userId, owner.id))
									.all();
								reviews.decide(
									people[step.who],
									at(items, step.item)?.id ?? -1,
									step.decision,
									'checked',
									now
								);
								break;
							}
							case 'wait':
								now = new Date(now.getTime() + step.days * DAY_MS);
								break;
							case 'jobs':
								ledger.autoConfirm(now);
								ledger.closePeriod(previousPeriod(periodOf(now, 'Asia/Shanghai')), now);
								break;
						}
					} catch (e) {
						if (!(e instanceof ledger.LedgerRefused) && !(e instanceof reviews.ReviewRefused))
							throw e;
						expect(stored(owner.id)).toEqual(before);
					}
					checkInvariants(owner, now);
				}
				// The outsider never changed anything: no audit row signed by them.
				const outsiderRows = getDb()
					.select({ id: auditLog.id })
					.from(auditLog)
					.where(inArray(auditLog.actor, [`user:${outsider.id}`]))
					.all();
				expect(outsiderRows).toEqual([]);
			}),
			{ numRuns: 40, seed: 20261203 }
		);
	}, 120_000);
});
