import { eq } from 'drizzle-orm';
import { compileScenario, lintScenario, type Scenario } from '../engine/scenario';
import { getDb } from './db';
import * as assignmentViews from './assignments';
import { attempts } from './db/schema';
import * as scenarios from './scenarios';

export type { ProgressStatus as AssignmentStatus } from './assignments';

const shortestCache = new Map<number, number>();

/** The fewest replies that resolve a scenario version (from the lint's paths), cached per version. */
function fewestReplies(versionId: number, scenario: Scenario): number {
	let n = shortestCache.get(versionId);
	if (n === undefined) {
		const paths = lintScenario(compileScenario(scenario)).paths.filter(
			(p) => p.outcome === 'resolved'
		);
		n = Math.min(...paths.map((p) => p.replies.length), scenario.maxTurns);
		shortestCache.set(versionId, n);
	}
	return n;
}

/**
 * What the practice page shows a user: their assignments first (new ones flagged until the page
 * has shown them once: see `seen`), then every published scenario.
 */
export function library(userId: number, now = new Date()) {
	const db = getDb();
	const mine = db.select().from(attempts).where(eq(attempts.userId, userId)).all();
	const cards = scenarios.listLatest().map((s) => ({
		key: s.key,
		version: s.version,
		title: { zh: s.titleZh, en: s.titleEn },
		category: s.document.category,
		difficulty: s.difficulty,
		cases: s.document.cases,
		turns: { fewest: fewestReplies(s.id, s.document), most: s.document.maxTurns },
		inProgress: mine.find((a) => a.scenarioVersionId === s.id && !a.done)?.id ?? null
	}));
	// Withdrawn assignments are gone for the trainee; "new" is read before the page marks it seen.
	// What is still to do comes first (overdue, then by due date); what is done after it.
	const views = assignmentViews.forTrainee(userId, now, db);
	const ordered = [
		...views.filter((a) => a.status !== 'completed'),
		...views.filter((a) => a.status === 'completed')
	];
	const assigned = ordered.map((a) => ({
		id: a.id,
		scenarioKey: a.scenario.key,
		title: a.scenario.title,
		mode: a.mode,
		dueAt: a.dueAt,
		status: a.status,
		isNew: a.seenAt === null,
		note: a.note,
		assignedBy: a.assignedBy?.name ?? null,
		open: a.openAttemptId
	}));
	return { cards, assigned };
}

/** After the page has shown them: the user's assignments are no longer new. */
export function seen(userId: number, ids: number[], now = new Date()) {
	return assignmentViews.markSeen(userId, ids, now);
}
