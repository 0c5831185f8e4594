import {
	disputeState,
	disputeTable,
	entryTable,
	offered,
	type DisputeEvent,
	type DisputeState,
	type EntryEvent,
	type EntryStatus
} from '../../engine/rulebook/lifecycle';
import { relationTo, type Actor } from '../access';
import * as attempts from '../attempts';
import * as criteria from '../criteria';
import { getDb } from '../db';
import { entryContext } from './entries';
import { disputesFor, rulingOverdue } from './disputes';
import { balance, forUser, type ClauseRef } from './reports';
import { LedgerRefused } from './refused';
import { users } from '../db/schema';
import { inArray } from 'drizzle-orm';

export type LineView = {
	id: number;
	clause: ClauseRef;
	points: number;
	status: EntryStatus;
	/** Who confirmed it after it was held for review. */
	reviewedBy: string | null;
	expired: boolean;
	counted: boolean;
	period: string;
	attemptId: number | null;
	turnIndex: number | null;
	quote: string | null;
	reverses: number | null;
	adjusts: number | null;
	createdAt: string;
	/** What the viewer may do to this entry now (from the lifecycle table). */
	actions: EntryEvent[];
	dispute: {
		id: number;
		state: DisputeState;
		ruling: 'accepted' | 'partial' | 'rejected' | null;
		reason: string;
		rulingText: string | null;
		rulingBy: string | null;
		finalDecision: 'upheld' | 'overturned' | null;
		finalText: string | null;
		finalBy: string | null;
		overdue: boolean;
		actions: DisputeEvent[];
	} | null;
};

/** A person's ledger as `viewer` may see it, with what the viewer may do; null outside their scope. */
export function ledgerView(viewer: Actor, userId: number, now = new Date()) {
	const lines = forUser(viewer, userId, now);
	if (!lines) return null;
	const db = getDb();
	const relation = relationTo(viewer, userId, db);
	const disputes = new Map(disputesFor(lines.map((l) => l.id)).map((d) => [d.entryId, d]));
	const judges = [
		...[...disputes.values()].flatMap((d) => [d.ruledBy, d.finalBy]),
		...lines.map((l) => l.reviewedBy)
	];
	const names = nameMap(judges.filter((n): n is number => n !== null));
	return {
		balance: balance(lines, now),
		lines: lines.map((l): LineView => {
			const d = disputes.get(l.id);
			const half = Math.sign(l.points) * Math.floor(Math.abs(l.points) / 2);
			return {
				id: l.id,
				clause: l.clause,
				points: l.points,
				status: l.status,
				reviewedBy: l.reviewedBy ? (names.get(l.reviewedBy) ?? null) : null,
				expired: l.expired,
				counted: l.counted,
				period: l.period,
				attemptId: l.attemptId,
				turnIndex: l.turnIndex,
				quote: l.quote,
				reverses: l.reversesEntryId,
				adjusts: l.adjustsEntryId,
				createdAt: l.createdAt.toISOString(),
				// A held entry is settled in the review queue, with a written reason.
				actions: offered(entryTable, l.status, relation, entryContext(db, l, now)).filter(
					(e) => e !== 'autoConfirm' && e !== 'approve' && e !== 'dismiss'
				),
				dispute: d
					? {
							id: d.id,
							state: disputeState(d),
							ruling: d.status === 'open' ? null : d.status,
							reason: d.reason,
							rulingText: d.ruling,
							rulingBy: d.ruledBy ? (names.get(d.ruledBy) ?? null) : null,
							finalDecision: d.finalDecision,
							finalText: d.finalRuling,
							finalBy: d.finalBy ? (names.get(d.finalBy) ?? null) : null,
							overdue: rulingOverdue(d, now),
							actions: offered(disputeTable, disputeState(d), relation, {
								actorId: viewer.id,
								ruledBy: d.ruledBy,
								reason: 'offered',
								points: { original: l.points, proposed: half }
							})
						}
					: null
			};
		})
	};
}

function nameMap(ids: number[]) {
	return new Map(
		ids.length === 0
			? []
			: getDb()
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, u.name])
	);
}

/** Everything a scorecard shows about one person, for them or someone who manages them. */
export function scorecard(viewer: Actor, userId: number, now = new Date()) {
	const view = ledgerView(viewer, userId, now);
	if (!view) return null;
	const periods = [...new Set(view.lines.map((l) => l.period))].sort().reverse();
	return {
		...view,
		periods: periods.map((period) => {
			const lines = view.lines.filter((l) => l.period === period);
			return {
				period,
				balance: lines.filter((l) => l.counted).reduce((n, l) => n + l.points, 0),
				count: lines.length
			};
		}),
		openDisputes: view.lines.filter((l) => l.dispute?.state === 'open').length,
		pendingAcknowledgements: criteria
			.unacknowledged(userId, now)
			.map((c) => ({ code: c.code, title: c.document.title })),
		dimensions: attempts.dimensionAverages(userId),
		attempts: attempts.listFor(userId).filter((a) => a.done).length
	};
}

/** The message for a refused ledger action, in the reader's language. */
export function refusalMessage(e: unknown, m: Record<string, () => string>): string | null {
	return e instanceof LedgerRefused ? (m[`ledger_refused_${e.reason}`]?.() ?? null) : null;
}
