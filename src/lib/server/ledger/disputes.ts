import { and, eq, inArray } from 'drizzle-orm';
import {
	disputeState,
	RULING_WORKING_DAYS,
	stepDispute,
	workingDaysBetween,
	type DisputeEvent
} from '../../engine/rulebook/lifecycle';
import { weekdayIn } from '../../engine/rulebook/period';
import { relationTo, type Actor } from '../access';
import * as audit from '../audit';
import { timeZone } from '../config';
import { getDb, write, type DbOrTx } from '../db';
import { disputes, ledgerEntries, type Dispute } from '../db/schema';
import { allowed, entryFor, reverseEntry, signature, writeEntry } from './entries';
import { LedgerRefused } from './refused';

export type Ruling = 'accepted' | 'partial' | 'rejected';
export type FinalRuling = 'upheld' | 'overturned';

const rulingEvent: Record<Ruling, DisputeEvent> = {
	accepted: 'accept',
	partial: 'partlyAccept',
	rejected: 'reject'
};

function disputeFor(tx: DbOrTx, disputeId: number): Dispute {
	const found = Number.isSafeInteger(disputeId)
		? tx.select().from(disputes).where(eq(disputes.id, disputeId)).get()
		: undefined;
	if (!found) throw new LedgerRefused('not_found');
	return found;
}

/** The employee disputes one of their penalties, with a written reason, within the published days. */
export function dispute(by: Actor, entryId: number, reason: string, now = new Date()): Dispute {
	const why = reason.trim();
	return write((tx) => {
		const entry = entryFor(tx, entryId);
		allowed(tx, by, entry, 'dispute', now);
		if (!why) throw new LedgerRefused('reason_required');
		const row = tx
			.insert(disputes)
			.values({ entryId, userId: entry.userId, reason: why, openedAt: now, status: 'open' })
			.returning()
			.get();
		audit.append(
			tx,
			signature(by),
			'ledger.dispute',
			{ dispute: row.id, entry: entryId, reason: why },
			now
		);
		return row;
	});
}

/**
 * The owner's supervisor (or an admin) rules, in writing: accept (the entry is reversed), partly
 * accept (reversed and replaced by a smaller entry of the same sign), or reject (the entry stays
 * and can be confirmed).
 */
export function rule(
	by: Actor,
	disputeId: number,
	decision: Ruling,
	reason: string,
	points?: number,
	now = new Date()
): void {
	write((tx) => {
		const d = disputeFor(tx, disputeId);
		const entry = entryFor(tx, d.entryId);
		const outcome = stepDispute(
			disputeState(d),
			rulingEvent[decision],
			relationTo(by, entry.userId, tx),
			{
				actorId: by.id,
				ruledBy: d.ruledBy,
				reason,
				points:
					decision === 'partial' ? { original: entry.points, proposed: points ?? NaN } : undefined
			}
		);
		if (!outcome.ok) throw new LedgerRefused(outcome.reason);
		const note = `dispute ${disputeId} ${decision}`;
		// An entry an offset has already reversed can be accepted or rejected, not made smaller.
		if (decision === 'partial' && entry.status === 'reversed')
			throw new LedgerRefused('wrong_status');
		if (decision !== 'rejected' && entry.status !== 'reversed')
			reverseEntry(tx, by, entry, note, now);
		if (decision === 'partial') {
			writeEntry(
				tx,
				{
					userId: entry.userId,
					criteriaVersionId: entry.criteriaVersionId,
					kind: entry.kind,
					points: points!,
					status: 'confirmed',
					attemptId: entry.attemptId,
					turnIndex: entry.turnIndex,
					quote: entry.quote,
					decidedBy: signature(by, note),
					adjustsEntryId: entry.id
				},
				'ledger.adjust',
				{ replaces: entry.id, dispute: disputeId },
				now
			);
		}
		tx.update(disputes)
			.set({ status: outcome.to as Ruling, ruledBy: by.id, ruling: reason.trim(), ruledAt: now })
			.where(eq(disputes.id, disputeId))
			.run();
		audit.append(
			tx,
			signature(by),
			'ledger.ruling',
			{ dispute: disputeId, decision, reason: reason.trim(), points: points ?? null },
			now
		);
	});
}

/**
 * One final ruling by an admin who did not give the first: upholding it, or overturning it (a
 * rejection becomes a reversal of the entry; a partial ruling becomes a reversal of what remained).
 */
export function finalRuling(
	by: Actor,
	disputeId: number,
	decision: FinalRuling,
	reason: string,
	now = new Date()
): void {
	write((tx) => {
		const d = disputeFor(tx, disputeId);
		const entry = entryFor(tx, d.entryId);
		const outcome = stepDispute(
			disputeState(d),
			decision === 'upheld' ? 'uphold' : 'overturn',
			relationTo(by, entry.userId, tx),
			{ actorId: by.id, ruledBy: d.ruledBy, reason }
		);
		if (!outcome.ok) throw new LedgerRefused(outcome.reason);
		if (decision === 'overturned') {
			const note = `final ruling on dispute ${disputeId}`;
			const remaining =
				d.status === 'rejected'
					? entry
					: tx.select().from(ledgerEntries).where(eq(ledgerEntries.adjustsEntryId, entry.id)).get();
			if (remaining && remaining.status !== 'reversed') reverseEntry(tx, by, remaining, note, now);
		}
		tx.update(disputes)
			.set({ finalBy: by.id, finalDecision: decision, finalRuling: reason.trim(), finalAt: now })
			.where(eq(disputes.id, disputeId))
			.run();
		audit.append(
			tx,
			signature(by),
			'ledger.final_ruling',
			{ dispute: disputeId, decision, reason: reason.trim() },
			now
		);
	});
}

export function disputesFor(entryIds: number[], db: DbOrTx = getDb()): Dispute[] {
	return entryIds.length === 0
		? []
		: db.select().from(disputes).where(inArray(disputes.entryId, entryIds)).all();
}

/** An open dispute whose supervisor has let the published time limit pass. */
export const rulingOverdue = (d: Dispute, now = new Date()) =>
	d.status === 'open' &&
	workingDaysBetween(d.openedAt, now, weekdayIn(timeZone())) > RULING_WORKING_DAYS;

/** Open disputes of the given people. */
export function openFor(userIds: number[]): Dispute[] {
	return userIds.length === 0
		? []
		: getDb()
				.select()
				.from(disputes)
				.where(and(inArray(disputes.userId, userIds), eq(disputes.status, 'open')))
				.all();
}
