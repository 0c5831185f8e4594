/**
 * The review queue: penalties an automatic finding would have proposed, held until a person
 * decides. A held entry is listed on the employee's ledger but neither counted nor disputable; the
 * reviewer who manages the employee confirms it (it is proposed, citing them) or rejects it (it
 * closes with no points). Either way the decision is a label of that reply.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { managedUserIds, relationTo, type Actor } from '../access';
import { getDb, write, type DbOrTx } from '../db';
import {
	criteriaVersions,
	ledgerEntries,
	reviewQueue,
	turns,
	users,
	type HeldReason,
	type LedgerEntry,
	type QueueItem,
	type QueueStatus
} from '../db/schema';
import { entryFor, settleHeld } from '../ledger/entries';
import { ReviewRefused } from './refused';

/** Holds a just-written entry for review, in the transaction that wrote it. */
export function hold(
	tx: DbOrTx,
	entry: LedgerEntry,
	finding: { violation: string; lang: 'zh' | 'en'; reason: HeldReason },
	now: Date
): QueueItem {
	const turn =
		entry.attemptId !== null && entry.turnIndex !== null
			? tx
					.select({ id: turns.id })
					.from(turns)
					.where(and(eq(turns.attemptId, entry.attemptId), eq(turns.index, entry.turnIndex)))
					.get()
			: undefined;
	return tx
		.insert(reviewQueue)
		.values({
			entryId: entry.id,
			turnId: turn?.id ?? null,
			violation: finding.violation,
			lang: finding.lang,
			reason: finding.reason,
			status: 'pending',
			createdAt: now
		})
		.returning()
		.get();
}

export type QueueView = {
	id: number;
	status: QueueStatus;
	reason: HeldReason;
	violation: string;
	lang: 'zh' | 'en';
	employee: { id: number; name: string };
	clause: { code: string; version: number; title: { zh: string; en: string } };
	entryId: number;
	points: number;
	quote: string | null;
	attemptId: number | null;
	turnIndex: number | null;
	createdAt: string;
	decidedBy: string | null;
	decision: string | null;
	decidedAt: string | null;
};

/** The held entries of the people `actor` manages, newest first; `status` filters. */
export function queueFor(
	actor: Actor,
	status: QueueStatus | 'all' = 'pending',
	db: DbOrTx = getDb()
): QueueView[] {
	const people = managedUserIds(actor, db);
	if (people.length === 0) return [];
	const rows = db
		.select({
			item: reviewQueue,
			entry: ledgerEntries,
			clause: criteriaVersions,
			name: users.displayName
		})
		.from(reviewQueue)
		.innerJoin(ledgerEntries, eq(reviewQueue.entryId, ledgerEntries.id))
		.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
		.innerJoin(users, eq(ledgerEntries.userId, users.id))
		.where(
			and(
				inArray(ledgerEntries.userId, people),
				status === 'all' ? undefined : eq(reviewQueue.status, status)
			)
		)
		.orderBy(desc(reviewQueue.id))
		.all();
	const deciders = new Map(
		db
			.select({ id: users.id, name: users.displayName })
			.from(users)
			.where(
				inArray(
					users.id,
					rows.map((r) => r.item.decidedBy).filter((id): id is number => id !== null)
				)
			)
			.all()
			.map((u) => [u.id, u.name])
	);
	return rows.map(({ item, entry, clause, name }) => ({
		id: item.id,
		status: item.status,
		reason: item.reason,
		violation: item.violation,
		lang: item.lang,
		employee: { id: entry.userId, name },
		clause: { code: clause.code, version: clause.version, title: clause.document.title },
		entryId: entry.id,
		points: entry.points,
		quote: entry.quote,
		attemptId: entry.attemptId,
		turnIndex: entry.turnIndex,
		createdAt: item.createdAt.toISOString(),
		decidedBy: item.decidedBy ? (deciders.get(item.decidedBy) ?? null) : null,
		decision: item.decision,
		decidedAt: item.decidedAt?.toISOString() ?? null
	}));
}

/**
 * A reviewer who manages the employee confirms or rejects a held entry, with a written reason.
 * A settled item, or one outside the reviewer's scope, is refused and nothing changes.
 */
export function decide(
	actor: Actor,
	itemId: number,
	decision: 'confirm' | 'reject',
	reason: string,
	now = new Date()
): { item: QueueItem; entry: LedgerEntry } {
	return write((tx) => {
		const item = Number.isSafeInteger(itemId)
			? tx.select().from(reviewQueue).where(eq(reviewQueue.id, itemId)).get()
			: undefined;
		if (!item) throw new ReviewRefused('not_found');
		const held = entryFor(tx, item.entryId);
		if (relationTo(actor, held.userId, tx) === 'none') throw new ReviewRefused('not_found');
		const why = reason.trim();
		if (!why) throw new ReviewRefused('reason_required');
		const entry = settleHeld(
			tx,
			actor,
			held,
			decision === 'confirm' ? 'approve' : 'dismiss',
			why,
			now
		);
		const settled = tx
			.update(reviewQueue)
			.set({
				status: decision === 'confirm' ? 'confirmed' : 'rejected',
				decidedBy: actor.id,
				decision: why,
				decidedAt: now
			})
			.where(eq(reviewQueue.id, item.id))
			.returning()
			.get();
		return { item: settled, entry };
	});
}
