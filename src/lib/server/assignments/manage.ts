/**
 * Changing assignments after they are given: a new due date, or withdrawal. Each is checked on
 * the assignment's own trainee (`canAssignTo`), for every assignment named, before anything is
 * written; one refusal leaves all of them as they were.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { canAssignTo, type Actor } from '../access';
import { write, type Tx } from '../db';
import { assignments, attempts, type Assignment } from '../db/schema';
import { writeAudited } from './audited';
import { assigns } from './create';
import { AssignmentRefused } from './refused';

/** The assignments named, each in `actor`'s scope and still open (not withdrawn, not completed). */
function openOnes(tx: Tx, actor: Actor, ids: number[]): Assignment[] {
	if (!assigns(actor)) throw new AssignmentRefused('not_allowed');
	const rows = tx.select().from(assignments).where(inArray(assignments.id, ids)).all();
	if (rows.length !== ids.length) throw new AssignmentRefused('not_found');
	for (const row of rows)
		if (!canAssignTo(actor, row.userId, tx)) throw new AssignmentRefused('not_allowed');
	for (const row of rows) {
		if (row.withdrawnAt) throw new AssignmentRefused('withdrawn');
		const finished = tx
			.select({ id: attempts.id })
			.from(attempts)
			.where(and(eq(attempts.assignmentId, row.id), eq(attempts.done, true)))
			.get();
		if (finished) throw new AssignmentRefused('completed');
	}
	return rows;
}

/** Moves the due date of open assignments to a later moment, still in the future. */
export function extend(actor: Actor, ids: number[], dueAt: Date, now = new Date()): Assignment[] {
	if (dueAt <= now) throw new AssignmentRefused('due_past');
	return writeAudited(
		actor,
		'assignment.extend',
		(tx) =>
			openOnes(tx, actor, ids).map((row) => {
				if (dueAt <= row.dueAt) throw new AssignmentRefused('due_not_later');
				const changed = tx
					.update(assignments)
					.set({ dueAt })
					.where(eq(assignments.id, row.id))
					.returning()
					.get();
				return { row: changed, detail: { previousDueAt: row.dueAt.toISOString() } };
			}),
		now
	);
}

/**
 * Withdraws open assignments: they leave the trainee's page and can no longer be started. An
 * attempt already under way stays the trainee's to finish, as practice.
 */
export function withdraw(actor: Actor, ids: number[], now = new Date()): Assignment[] {
	return writeAudited(
		actor,
		'assignment.withdraw',
		(tx) =>
			openOnes(tx, actor, ids).map((row) => ({
				row: tx
					.update(assignments)
					.set({ withdrawnAt: now, withdrawnBy: actor.id })
					.where(eq(assignments.id, row.id))
					.returning()
					.get()
			})),
		now
	);
}

/** Marks a trainee's assignments as seen (they are no longer "new"); returns how many changed. */
export function markSeen(userId: number, ids: number[], now = new Date()): number {
	if (ids.length === 0) return 0;
	return write(
		(tx) =>
			tx
				.update(assignments)
				.set({ seenAt: now })
				.where(
					and(
						eq(assignments.userId, userId),
						inArray(assignments.id, ids),
						isNull(assignments.seenAt)
					)
				)
				.run().changes
	);
}
