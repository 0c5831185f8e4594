import { and, eq, lt } from 'drizzle-orm';
import {
	AUTO_CONFIRM_DAYS,
	DAY_MS,
	stepEntry,
	type EntryContext,
	type EntryEvent,
	type EntryStatus
} from '../../engine/rulebook/lifecycle';
import { periodOf } from '../../engine/rulebook/period';
import { relationTo, type Actor } from '../access';
import * as audit from '../audit';
import { timeZone } from '../config';
import { write, type DbOrTx } from '../db';
import { disputes, ledgerEntries, type LedgerEntry } from '../db/schema';
import { LedgerRefused } from './refused';

/** A person, or the published rules acting on their own (auto-confirmation, offsets, month close). */
export type Signer = Actor | 'system';

export type NewEntry = Omit<typeof ledgerEntries.$inferInsert, 'id' | 'period' | 'createdAt'> & {
	period?: string;
};

/** The one way an entry is written: the row and its audit row, in the caller's transaction. */
export function writeEntry(
	tx: DbOrTx,
	values: NewEntry,
	action: string,
	payload: Record<string, unknown>,
	now: Date
): LedgerEntry {
	const entry = tx
		.insert(ledgerEntries)
		.values({ ...values, period: values.period ?? periodOf(now, timeZone()), createdAt: now })
		.returning()
		.get();
	audit.append(
		tx,
		values.decidedBy,
		action,
		{ entry: entry.id, user: entry.userId, points: entry.points, ...payload },
		now
	);
	return entry;
}

/** The one way an entry changes status: the update and its audit row. */
function moveEntry(
	tx: DbOrTx,
	entry: LedgerEntry,
	to: EntryStatus,
	actor: string,
	action: string,
	now: Date,
	extra: { reviewedBy?: number; reason?: string } = {}
): LedgerEntry {
	const moved = tx
		.update(ledgerEntries)
		.set({ status: to, ...(extra.reviewedBy ? { reviewedBy: extra.reviewedBy } : {}) })
		.where(eq(ledgerEntries.id, entry.id))
		.returning()
		.get();
	audit.append(
		tx,
		actor,
		action,
		{ entry: entry.id, from: entry.status, to, ...(extra.reason ? { reason: extra.reason } : {}) },
		now
	);
	return moved;
}

/**
 * A reviewer settles an entry held for review: approved, it becomes proposed and names the
 * reviewer beside the evidence; dismissed, it closes with no points. In the caller's transaction.
 */
export function settleHeld(
	tx: DbOrTx,
	by: Actor,
	entry: LedgerEntry,
	decision: 'approve' | 'dismiss',
	reason: string,
	now: Date
): LedgerEntry {
	const to = allowed(tx, by, entry, decision, now);
	return moveEntry(tx, entry, to, signature(by), `ledger.${decision}`, now, {
		reviewedBy: decision === 'approve' ? by.id : undefined,
		reason
	});
}

export function entryFor(tx: DbOrTx, entryId: number): LedgerEntry {
	const entry = Number.isSafeInteger(entryId)
		? tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId)).get()
		: undefined;
	if (!entry) throw new LedgerRefused('not_found');
	return entry;
}

export function entryContext(tx: DbOrTx, entry: LedgerEntry, now: Date): EntryContext {
	const found = tx
		.select({ status: disputes.status })
		.from(disputes)
		.where(eq(disputes.entryId, entry.id))
		.get();
	return {
		kind: entry.kind,
		correction: entry.reversesEntryId !== null,
		createdAt: entry.createdAt,
		openDispute: found?.status === 'open',
		disputed: found !== undefined || entry.adjustsEntryId !== null,
		now
	};
}

export const signature = (by: Signer, note?: string) =>
	by === 'system' ? `rule:${note ?? 'system'}` : `user:${by.id}${note ? ` (${note})` : ''}`;

/** Asks the lifecycle table whether `by` may send `event` to this entry; throws the refusal if not. */
export function allowed(
	tx: DbOrTx,
	by: Signer,
	entry: LedgerEntry,
	event: EntryEvent,
	now: Date
): EntryStatus {
	const relation = relationTo(by, entry.userId, tx);
	const outcome = stepEntry(entry.status, event, relation, entryContext(tx, entry, now));
	if (!outcome.ok) throw new LedgerRefused(outcome.reason);
	return outcome.to;
}

/**
 * Reverses an entry: the original is marked reversed and a linked entry of the opposite sign is
 * added. Used by offsets, rulings and a manager's correction alike.
 */
export function reverseEntry(
	tx: DbOrTx,
	by: Signer,
	entry: LedgerEntry,
	note: string,
	now: Date
): LedgerEntry {
	const to = allowed(tx, by, entry, 'reverse', now);
	const decidedBy = signature(by, note);
	moveEntry(tx, entry, to, decidedBy, 'ledger.reverse', now);
	return writeEntry(
		tx,
		{
			userId: entry.userId,
			criteriaVersionId: entry.criteriaVersionId,
			kind: entry.kind,
			points: -entry.points,
			status: 'confirmed',
			attemptId: entry.attemptId,
			turnIndex: entry.turnIndex,
			quote: entry.quote,
			decidedBy,
			reversesEntryId: entry.id
		},
		'ledger.reversal',
		{ reverses: entry.id },
		now
	);
}

function act(by: Actor, entryId: number, event: 'confirm' | 'pay', now: Date): LedgerEntry {
	return write((tx) => {
		const entry = entryFor(tx, entryId);
		const to = allowed(tx, by, entry, event, now);
		return moveEntry(tx, entry, to, signature(by), `ledger.${event}`, now);
	});
}

/** The owner's supervisor (or an admin) confirms a proposed entry that is not under dispute. */
export const confirm = (by: Actor, entryId: number, now = new Date()) =>
	act(by, entryId, 'confirm', now);

/** A confirmed reward is paid (for payroll), once. Penalties are never paid. */
export const markPaid = (by: Actor, entryId: number, now = new Date()) =>
	act(by, entryId, 'pay', now);

/** The owner's supervisor (or an admin) withdraws an entry with a written reason: a linked reversal. */
export function reverse(by: Actor, entryId: number, reason: string, now = new Date()) {
	const why = reason.trim();
	if (!why) throw new LedgerRefused('reason_required');
	return write((tx) => reverseEntry(tx, by, entryFor(tx, entryId), `correction: ${why}`, now));
}

/**
 * Proposed entries confirm themselves once the dispute window has passed and no dispute is open
 * (a rejected dispute no longer holds them back). Safe to run again: a second run finds nothing.
 */
export function autoConfirm(now = new Date()): number {
	const before = new Date(now.getTime() - AUTO_CONFIRM_DAYS * DAY_MS);
	return write((tx) => {
		const due = tx
			.select()
			.from(ledgerEntries)
			.where(and(eq(ledgerEntries.status, 'proposed'), lt(ledgerEntries.createdAt, before)))
			.all();
		let count = 0;
		for (const entry of due) {
			const outcome = stepEntry(
				entry.status,
				'autoConfirm',
				'system',
				entryContext(tx, entry, now)
			);
			if (!outcome.ok) continue;
			moveEntry(
				tx,
				entry,
				outcome.to,
				`rule:auto-confirm after ${AUTO_CONFIRM_DAYS} days`,
				'ledger.confirm',
				now
			);
			count++;
		}
		return count;
	});
}
