/**
 * Giving people an assignment: a scenario (a pinned version, or the newest when they start), a
 * mode, a due date and a note, to chosen trainees or to every active trainee of a team. All or
 * nothing: one person outside the assigner's scope refuses the whole request.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { assignmentScope, canAssignTo, canAssignToTeam, teamsLedBy, type Actor } from '../access';
import { getDb, type DbOrTx, type Tx } from '../db';
import { assignments, scenarioVersions, teams, users, type Assignment } from '../db/schema';
import { writeAudited } from './audited';
import type { NewAssignment } from './forms';
import { AssignmentRefused } from './refused';

/** Only roles that assign may; trainees never reach any of it. */
export const assigns = (actor: Actor) =>
	actor.role === 'trainer' || actor.role === 'supervisor' || actor.role === 'admin';

/** Only active trainees are given assignments: staff and disabled accounts are not. */
const assignable = and(eq(users.role, 'trainee'), isNull(users.disabledAt));

function versionFor(tx: DbOrTx, scenario: NewAssignment['scenario']) {
	const rows = tx
		.select({ id: scenarioVersions.id, version: scenarioVersions.version })
		.from(scenarioVersions)
		.where(eq(scenarioVersions.key, scenario.key))
		.all();
	if (rows.length === 0) throw new AssignmentRefused('unknown_scenario');
	if (scenario.version === null) return null;
	const pinned = rows.find((r) => r.version === scenario.version);
	if (!pinned) throw new AssignmentRefused('unknown_scenario');
	return pinned.id;
}

/** The people the request names, after the scope check on each of them. */
function recipients(tx: Tx, actor: Actor, target: NewAssignment['target']) {
	if ('teamId' in target) {
		if (!canAssignToTeam(actor, target.teamId, tx)) throw new AssignmentRefused('not_allowed');
		const members = tx
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.teamId, target.teamId), assignable))
			.all();
		if (members.length === 0) throw new AssignmentRefused('team_empty');
		return members.map((u) => ({ userId: u.id, teamId: target.teamId }));
	}
	// Scope first, for everyone named: who is outside it is not told whether they exist.
	for (const id of target.userIds)
		if (!canAssignTo(actor, id, tx)) throw new AssignmentRefused('not_allowed');
	const found = tx
		.select({ id: users.id })
		.from(users)
		.where(and(inArray(users.id, target.userIds), assignable))
		.all();
	if (found.length !== target.userIds.length) throw new AssignmentRefused('not_a_trainee');
	return target.userIds.map((userId) => ({ userId, teamId: null }));
}

/** Creates the assignments and audits each; refuses (throws) without writing anything. */
export function create(actor: Actor, input: NewAssignment, now = new Date()): Assignment[] {
	if (!assigns(actor)) throw new AssignmentRefused('not_allowed');
	if (input.dueAt <= now) throw new AssignmentRefused('due_past');
	return writeAudited(
		actor,
		'assignment.create',
		(tx) => {
			const scenarioVersionId = versionFor(tx, input.scenario);
			const people = recipients(tx, actor, input.target);
			return tx
				.insert(assignments)
				.values(
					people.map((p) => ({
						...p,
						scenarioKey: input.scenario.key,
						scenarioVersionId,
						mode: input.mode,
						dueAt: input.dueAt,
						note: input.note,
						assignedBy: actor.id,
						createdAt: now
					}))
				)
				.returning()
				.all()
				.map((row) => ({ row, detail: input.note ? { note: input.note } : undefined }));
		},
		now
	);
}

/** The active trainees `actor` may assign to, with their team's name, for the people chooser. */
export function assignablePeople(actor: Actor, db: DbOrTx = getDb()) {
	if (!assigns(actor)) return [];
	const scope = assignmentScope(actor, db);
	if (scope !== 'all' && scope.length === 0) return [];
	return db
		.select({ id: users.id, name: users.displayName, team: teams.name })
		.from(users)
		.leftJoin(teams, eq(users.teamId, teams.id))
		.where(and(assignable, scope === 'all' ? undefined : inArray(users.id, scope)))
		.orderBy(asc(users.displayName))
		.all();
}

/** The teams `actor` may assign to as a whole, with how many active trainees each has now. */
export function assignableTeams(actor: Actor, db: DbOrTx = getDb()) {
	if (!assigns(actor)) return [];
	const led = actor.role === 'supervisor' ? teamsLedBy(actor, db) : null;
	const rows = db
		.select({ id: teams.id, name: teams.name })
		.from(teams)
		.where(led ? inArray(teams.id, led) : undefined)
		.orderBy(asc(teams.name))
		.all()
		.filter((t) => canAssignToTeam(actor, t.id, db));
	return rows.map((t) => ({
		...t,
		members: db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.teamId, t.id), assignable))
			.all().length
	}));
}

/** Every published scenario with its versions, newest first, for the scenario chooser. */
export function scenarioChoices(db: DbOrTx = getDb()) {
	const rows = db
		.select({
			key: scenarioVersions.key,
			version: scenarioVersions.version,
			titleEn: scenarioVersions.titleEn,
			titleZh: scenarioVersions.titleZh,
			publishedAt: scenarioVersions.publishedAt
		})
		.from(scenarioVersions)
		.orderBy(asc(scenarioVersions.key), asc(scenarioVersions.version))
		.all();
	const byKey = new Map<string, typeof rows>();
	for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
	return [...byKey.values()].map((versions) => {
		const newest = versions[versions.length - 1];
		return {
			key: newest.key,
			title: { en: newest.titleEn, zh: newest.titleZh },
			versions: versions
				.map((v) => ({
					version: v.version,
					title: { en: v.titleEn, zh: v.titleZh },
					publishedAt: v.publishedAt.toISOString()
				}))
				.reverse()
		};
	});
}
