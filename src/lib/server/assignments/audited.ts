import type { Actor } from '../access';
import * as audit from '../audit';
import { write, type Tx } from '../db';
import type { Assignment } from '../db/schema';

export type AssignmentAction = 'assignment.create' | 'assignment.extend' | 'assignment.withdraw';

/**
 * The one path every change to assignments takes: the change and one audit row per assignment it
 * touched, in one transaction. A refusal thrown by `change` leaves nothing behind.
 */
export function writeAudited(
	actor: Actor,
	action: AssignmentAction,
	change: (tx: Tx) => { row: Assignment; detail?: Record<string, unknown> }[],
	now: Date
): Assignment[] {
	return write((tx) => {
		const changed = change(tx);
		for (const { row, detail } of changed)
			audit.append(
				tx,
				`user:${actor.id}`,
				action,
				{
					assignment: row.id,
					user: row.userId,
					scenario: row.scenarioKey,
					scenarioVersion: row.scenarioVersionId,
					mode: row.mode,
					dueAt: row.dueAt.toISOString(),
					team: row.teamId,
					...detail
				},
				now
			);
		return changed.map((c) => c.row);
	});
}
