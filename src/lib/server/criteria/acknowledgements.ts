import { and, eq, lte } from 'drizzle-orm';
import { DAY_MS } from '../../engine/rulebook/lifecycle';
import { teamsLedBy, type Actor } from '../access';
import * as audit from '../audit';
import { getDb, write, type DbOrTx } from '../db';
import { acknowledgements, users, type CriteriaVersion } from '../db/schema';
import { inForce } from './versions';

/** A penalty clause version binds someone who acknowledged it, or once it has been public this long. */
export const PENALTY_NOTICE_DAYS = 7;

/** Acknowledges every version in force the user has not acknowledged yet. */
export function acknowledge(userId: number, now = new Date()): number {
	return write((tx) => {
		const pending = unacknowledged(userId, now, tx);
		for (const c of pending) {
			tx.insert(acknowledgements)
				.values({ userId, criteriaVersionId: c.id, acknowledgedAt: now })
				.run();
			audit.append(
				tx,
				`user:${userId}`,
				'criteria.acknowledge',
				{ code: c.code, version: c.version },
				now
			);
		}
		return pending.length;
	});
}

export function unacknowledged(
	userId: number,
	at = new Date(),
	db: DbOrTx = getDb()
): CriteriaVersion[] {
	const acked = new Set(
		db
			.select({ id: acknowledgements.criteriaVersionId })
			.from(acknowledgements)
			.where(eq(acknowledgements.userId, userId))
			.all()
			.map((a) => a.id)
	);
	return inForce(at, db).filter((c) => !acked.has(c.id));
}

/**
 * Whether a penalty under `version` may apply to `userId` for something done at `at`: they
 * acknowledged that version by then, or it was published at least 7 days before. Rewards need neither.
 */
export function binds(
	version: CriteriaVersion,
	userId: number,
	at: Date,
	db: DbOrTx = getDb()
): boolean {
	if (version.kind === 'reward') return true;
	if (at.getTime() - version.publishedAt.getTime() >= PENALTY_NOTICE_DAYS * DAY_MS) return true;
	return (
		db
			.select({ id: acknowledgements.id })
			.from(acknowledgements)
			.where(
				and(
					eq(acknowledgements.userId, userId),
					eq(acknowledgements.criteriaVersionId, version.id),
					lte(acknowledgements.acknowledgedAt, at)
				)
			)
			.get() !== undefined
	);
}

/** Members of a team who still have clauses in force to acknowledge; null outside the actor's teams. */
export function pendingInTeam(actor: Actor, teamId: number, at = new Date()) {
	if (!teamsLedBy(actor).includes(teamId)) return null;
	return getDb()
		.select({ id: users.id, username: users.username, displayName: users.displayName })
		.from(users)
		.where(eq(users.teamId, teamId))
		.all()
		.map((u) => ({ ...u, pending: unacknowledged(u.id, at) }))
		.filter((u) => u.pending.length > 0);
}
