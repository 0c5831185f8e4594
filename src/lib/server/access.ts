/**
 * Who may act on what: the only place these rules live. Routes and domain functions both call
 * this module, and every check is made on the record acted on (its owner, their team), never only
 * on the URL.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Relation } from '../engine/rulebook/lifecycle';
import type { Role } from '../roles';
import { getDb, type DbOrTx } from './db';
import { teams, users } from './db/schema';

export type Actor = { id: number; role: Role };
export type { Relation };

/** The teams whose members' records `actor` manages: an admin all, a supervisor the teams they lead. */
export function teamsLedBy(actor: Actor, db: DbOrTx = getDb()): number[] {
	if (actor.role === 'admin')
		return db
			.select({ id: teams.id })
			.from(teams)
			.all()
			.map((t) => t.id);
	if (actor.role !== 'supervisor') return [];
	return db
		.select({ id: teams.id })
		.from(teams)
		.where(eq(teams.supervisorId, actor.id))
		.all()
		.map((t) => t.id);
}

/** The people whose ledger and scorecard `actor` manages. */
export function managedUserIds(actor: Actor, db: DbOrTx = getDb()): number[] {
	if (actor.role === 'admin')
		return db
			.select({ id: users.id })
			.from(users)
			.all()
			.map((u) => u.id);
	const led = teamsLedBy(actor, db);
	if (led.length === 0) return [];
	return db
		.select({ id: users.id })
		.from(users)
		.where(inArray(users.teamId, led))
		.all()
		.map((u) => u.id);
}

/** Whether `actor` supervises the team `ownerId` belongs to (admins manage everyone). */
export function manages(actor: Actor, ownerId: number, db: DbOrTx = getDb()): boolean {
	const owner = db.select({ teamId: users.teamId }).from(users).where(eq(users.id, ownerId)).get();
	if (!owner) return false;
	if (actor.role === 'admin') return true;
	if (actor.role !== 'supervisor' || owner.teamId === null) return false;
	const team = db
		.select({ supervisorId: teams.supervisorId })
		.from(teams)
		.where(eq(teams.id, owner.teamId))
		.get();
	return team?.supervisorId === actor.id;
}

/** How `actor` stands to a record owned by `ownerId`, for the lifecycle tables. */
export function relationTo(
	actor: Actor | 'system',
	ownerId: number,
	db: DbOrTx = getDb()
): Relation {
	if (actor === 'system') return 'system';
	if (actor.id === ownerId) return 'owner';
	if (!manages(actor, ownerId, db)) return 'none';
	return actor.role === 'admin' ? 'admin' : 'manager';
}

/** Whether `actor` may read a person's ledger and scorecard: their own, or one they manage. */
export function canReadLedger(actor: Actor, ownerId: number, db: DbOrTx = getDb()): boolean {
	return relationTo(actor, ownerId, db) !== 'none';
}

/** An attempt is read by its trainee, the trainee's supervisor, trainers and admins. */
export function canReadAttempt(actor: Actor, ownerId: number, db: DbOrTx = getDb()): boolean {
	if (actor.role === 'trainer' || actor.role === 'admin' || actor.id === ownerId) return true;
	return manages(actor, ownerId, db);
}

/** Certification hides every score and finding until the attempt is over, from everyone. */
export function feedbackVisible(attempt: { mode: string; done: boolean }): boolean {
	return attempt.mode !== 'certification' || attempt.done;
}

/** Clause drafts are written, approved and published by supervisors and admins. */
export const canGovernRules = (actor: Actor) =>
	actor.role === 'supervisor' || actor.role === 'admin';

/**
 * A clause version may be published by an admin, or by a supervisor when it applies to exactly one
 * team and that team is theirs: anything wider needs an admin.
 */
export function canPublishScope(
	actor: Actor,
	scopeTeams: string[] | undefined,
	db: DbOrTx = getDb()
): boolean {
	if (actor.role === 'admin') return true;
	if (actor.role !== 'supervisor' || !scopeTeams || scopeTeams.length !== 1) return false;
	const team = db
		.select({ supervisorId: teams.supervisorId })
		.from(teams)
		.where(eq(teams.name, scopeTeams[0]))
		.get();
	return team?.supervisorId === actor.id;
}

/**
 * A trainee reply is reviewed by someone who may read the attempt and is not its trainee:
 * trainers, admins, and the trainee's own supervisor.
 */
export function canReviewTurn(actor: Actor, ownerId: number, db: DbOrTx = getDb()): boolean {
	if (actor.id === ownerId) return false;
	if (actor.role === 'trainer' || actor.role === 'admin') return true;
	return manages(actor, ownerId, db);
}

/** Calibration sessions are run and graded by trainers, supervisors and admins. */
export const canCalibrate = (actor: Actor) =>
	actor.role === 'trainer' || actor.role === 'supervisor' || actor.role === 'admin';

/**
 * The trainees whose replies `actor` may put into a calibration session: everyone's for trainers
 * and admins, their own teams' for a supervisor.
 */
export function sampleScope(actor: Actor, db: DbOrTx = getDb()): number[] | 'all' {
	if (actor.role === 'trainer' || actor.role === 'admin') return 'all';
	return managedUserIds(actor, db);
}

/** Scenarios and rubrics are written, previewed and published by trainers and admins. */
export const canAuthorContent = (actor: Actor) =>
	actor.role === 'trainer' || actor.role === 'admin';

/**
 * Who may give `userId` an assignment, extend it or withdraw it: trainers and admins anyone,
 * a supervisor only the members of the teams they lead. Trainees assign nothing.
 */
export function canAssignTo(actor: Actor, userId: number, db: DbOrTx = getDb()): boolean {
	if (actor.role === 'trainer')
		return db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get() !== undefined;
	if (actor.role === 'admin' || actor.role === 'supervisor') return manages(actor, userId, db);
	return false;
}

/** Who may assign to a whole team: trainers and admins any team, a supervisor the teams they lead. */
export function canAssignToTeam(actor: Actor, teamId: number, db: DbOrTx = getDb()): boolean {
	const team = db
		.select({ supervisorId: teams.supervisorId })
		.from(teams)
		.where(eq(teams.id, teamId))
		.get();
	if (!team) return false;
	if (actor.role === 'trainer' || actor.role === 'admin') return true;
	return actor.role === 'supervisor' && team.supervisorId === actor.id;
}

/**
 * The people whose assignments `actor` sees and may change, as `canAssignTo` allows: everyone for
 * trainers and admins, the members of the teams a supervisor leads, no one for trainees.
 */
export function assignmentScope(actor: Actor, db: DbOrTx = getDb()): number[] | 'all' {
	if (actor.role === 'trainer' || actor.role === 'admin') return 'all';
	if (actor.role === 'supervisor') return managedUserIds(actor, db);
	return [];
}
