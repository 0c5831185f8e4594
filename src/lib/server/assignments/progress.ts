/**
 * Where each person stands on an assignment: not started, in progress, completed (with the score
 * and ending of the attempt that finished it), overdue, or withdrawn. Read the same way by the
 * people who assign, the trainee's practice page and the API.
 */
import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { assignmentScope, canAssignTo, type Actor } from '../access';
import { getDb, type DbOrTx } from '../db';
import {
	assignments,
	attempts,
	scenarioVersions,
	teams,
	users,
	type Assignment,
	type AttemptMode
} from '../db/schema';

export const progressStatuses = [
	'not_started',
	'in_progress',
	'completed',
	'overdue',
	'withdrawn'
] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

type Played = {
	id: number;
	done: boolean;
	score: number | null;
	outcome: string | null;
	endedAt: Date | null;
};

export type Result = {
	attemptId: number;
	score: number | null;
	outcome: string | null;
	finishedAt: string | null;
	/** Finished after the due date. */
	late: boolean;
};

export type Progress = {
	status: ProgressStatus;
	/** Some attempt on it was begun (an overdue assignment may be started or not). */
	started: boolean;
	result: Result | null;
	/** The unfinished attempt on it, to continue. */
	openAttemptId: number | null;
};

/**
 * The status of one assignment from its attempts: the first finished attempt completes it (a
 * certification has only one); until then it is overdue once the due date has passed.
 */
export function progressOf(
	assignment: Pick<Assignment, 'dueAt' | 'withdrawnAt'>,
	played: Played[],
	now: Date
): Progress {
	const finished = played
		.filter((p) => p.done)
		.sort((a, b) => (a.endedAt?.getTime() ?? 0) - (b.endedAt?.getTime() ?? 0))[0];
	const open = played.find((p) => !p.done)?.id ?? null;
	const result: Result | null = finished
		? {
				attemptId: finished.id,
				score: finished.score,
				outcome: finished.outcome,
				finishedAt: finished.endedAt?.toISOString() ?? null,
				late: finished.endedAt !== null && finished.endedAt > assignment.dueAt
			}
		: null;
	const status: ProgressStatus = assignment.withdrawnAt
		? 'withdrawn'
		: finished
			? 'completed'
			: assignment.dueAt < now
				? 'overdue'
				: played.length > 0
					? 'in_progress'
					: 'not_started';
	return { status, started: played.length > 0, result, openAttemptId: open };
}

export type AssignmentView = Progress & {
	id: number;
	trainee: { id: number; name: string };
	scenario: { key: string; version: number | null; title: { en: string; zh: string } };
	mode: AttemptMode;
	dueAt: string;
	note: string | null;
	team: { id: number; name: string } | null;
	assignedBy: { id: number; name: string } | null;
	createdAt: string;
	/** When the trainee first saw it on their practice page (null: it is new to them). */
	seenAt: string | null;
	withdrawnAt: string | null;
	withdrawnBy: { id: number; name: string } | null;
};

const assigner = alias(users, 'assigner');
const withdrawer = alias(users, 'withdrawer');

/** The assignments matching `where`, with names, titles and progress. */
function views(db: DbOrTx, where: SQL | undefined, now: Date): AssignmentView[] {
	const rows = db
		.select({
			a: assignments,
			trainee: users.displayName,
			team: teams.name,
			assignedBy: assigner.displayName,
			withdrawnBy: withdrawer.displayName
		})
		.from(assignments)
		.innerJoin(users, eq(assignments.userId, users.id))
		.leftJoin(teams, eq(assignments.teamId, teams.id))
		.leftJoin(assigner, eq(assignments.assignedBy, assigner.id))
		.leftJoin(withdrawer, eq(assignments.withdrawnBy, withdrawer.id))
		.where(where)
		.orderBy(desc(assignments.createdAt), asc(assignments.dueAt), asc(users.displayName))
		.all();
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.a.id);
	const played = new Map<number, Played[]>();
	for (const p of db
		.select({
			assignmentId: attempts.assignmentId,
			id: attempts.id,
			done: attempts.done,
			score: attempts.score,
			outcome: attempts.outcome,
			endedAt: attempts.endedAt
		})
		.from(attempts)
		.where(inArray(attempts.assignmentId, ids))
		.all())
		played.set(p.assignmentId!, [...(played.get(p.assignmentId!) ?? []), p]);
	const versions = db
		.select({
			id: scenarioVersions.id,
			key: scenarioVersions.key,
			version: scenarioVersions.version,
			en: scenarioVersions.titleEn,
			zh: scenarioVersions.titleZh
		})
		.from(scenarioVersions)
		.where(inArray(scenarioVersions.key, [...new Set(rows.map((r) => r.a.scenarioKey))]))
		.orderBy(asc(scenarioVersions.version))
		.all();
	const titleOf = (a: Assignment) => {
		const pinned = versions.find((v) => v.id === a.scenarioVersionId);
		const newest = versions.filter((v) => v.key === a.scenarioKey).at(-1);
		const shown = pinned ?? newest;
		return shown ? { en: shown.en, zh: shown.zh } : { en: a.scenarioKey, zh: a.scenarioKey };
	};
	return rows.map(({ a, ...names }) => ({
		id: a.id,
		trainee: { id: a.userId, name: names.trainee },
		scenario: {
			key: a.scenarioKey,
			version: versions.find((v) => v.id === a.scenarioVersionId)?.version ?? null,
			title: titleOf(a)
		},
		mode: a.mode,
		dueAt: a.dueAt.toISOString(),
		note: a.note,
		team: a.teamId !== null && names.team ? { id: a.teamId, name: names.team } : null,
		assignedBy:
			a.assignedBy !== null && names.assignedBy
				? { id: a.assignedBy, name: names.assignedBy }
				: null,
		createdAt: a.createdAt.toISOString(),
		seenAt: a.seenAt?.toISOString() ?? null,
		withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
		withdrawnBy:
			a.withdrawnBy !== null && names.withdrawnBy
				? { id: a.withdrawnBy, name: names.withdrawnBy }
				: null,
		...progressOf(a, played.get(a.id) ?? [], now)
	}));
}

/** The assignments of the people `actor` may assign to, newest first; none for trainees. */
export function listFor(actor: Actor, now = new Date(), db: DbOrTx = getDb()): AssignmentView[] {
	const scope = assignmentScope(actor, db);
	if (scope !== 'all' && scope.length === 0) return [];
	return views(db, scope === 'all' ? undefined : inArray(assignments.userId, scope), now);
}

/** A trainee's own assignments that still stand (withdrawn ones are gone for them), by due date. */
export function forTrainee(userId: number, now = new Date(), db: DbOrTx = getDb()) {
	return views(db, and(eq(assignments.userId, userId), isNull(assignments.withdrawnAt)), now).sort(
		(a, b) => a.dueAt.localeCompare(b.dueAt)
	);
}

/** The assignments with these ids (just created, say), with progress. */
export function viewsOf(ids: number[], now = new Date(), db: DbOrTx = getDb()): AssignmentView[] {
	return ids.length === 0 ? [] : views(db, inArray(assignments.id, ids), now);
}

/** One assignment by id, or null. */
export function view(id: number, now = new Date(), db: DbOrTx = getDb()): AssignmentView | null {
	return views(db, eq(assignments.id, id), now)[0] ?? null;
}

/** One assignment as `actor` may read it: their own (until withdrawn), or one in their scope. */
export function viewFor(actor: Actor, id: number, now = new Date(), db: DbOrTx = getDb()) {
	const found = view(id, now, db);
	if (!found) return null;
	if (found.trainee.id === actor.id) return found.withdrawnAt ? null : found;
	return canAssignTo(actor, found.trainee.id, db) ? found : null;
}

export type AssignmentGroup = {
	key: string;
	scenario: AssignmentView['scenario'];
	mode: AttemptMode;
	note: string | null;
	team: AssignmentView['team'];
	assignedBy: AssignmentView['assignedBy'];
	createdAt: string;
	people: AssignmentView[];
};

/** Assignments given together (one request: same scenario, mode, team and assigner) as one group. */
export function grouped(list: AssignmentView[]): AssignmentGroup[] {
	const groups = new Map<string, AssignmentGroup>();
	for (const a of list) {
		const key = [
			a.createdAt,
			a.assignedBy?.id ?? '',
			a.scenario.key,
			a.scenario.version ?? '',
			a.mode,
			a.team?.id ?? ''
		].join('|');
		const group = groups.get(key);
		if (group) group.people.push(a);
		else
			groups.set(key, {
				key,
				scenario: a.scenario,
				mode: a.mode,
				note: a.note,
				team: a.team,
				assignedBy: a.assignedBy,
				createdAt: a.createdAt,
				people: [a]
			});
	}
	return [...groups.values()];
}

const stillOpen = (p: AssignmentView) => p.status !== 'completed' && p.status !== 'withdrawn';

/**
 * Groups that still ask for something (someone has not finished), the nearest due date first, so
 * overdue ones lead; and groups where everyone has finished or been withdrawn, newest first.
 */
export function byAttention(groups: AssignmentGroup[]) {
	const firstDue = (g: AssignmentGroup) =>
		g.people
			.filter(stillOpen)
			.map((p) => p.dueAt)
			.sort()[0];
	const open = groups.filter((g) => g.people.some(stillOpen));
	return {
		open: open.sort((a, b) => firstDue(a).localeCompare(firstDue(b))),
		closed: groups.filter((g) => !g.people.some(stillOpen))
	};
}
