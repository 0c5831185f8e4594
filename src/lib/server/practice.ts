import { asc, eq } from 'drizzle-orm';
import { compileScenario, lintScenario, type Scenario } from '../engine/scenario';
import { getDb } from './db';
import { assignments, attempts } from './db/schema';
import * as scenarios from './scenarios';

export type AssignmentStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue';

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

/** What the practice page shows a user: their assignments first, then every published scenario. */
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
	const assigned = db
		.select()
		.from(assignments)
		.where(eq(assignments.userId, userId))
		.orderBy(asc(assignments.dueAt))
		.all()
		.map((a) => {
			const played = mine.filter((t) => t.assignmentId === a.id);
			const completed = played.some((t) => t.done);
			const status: AssignmentStatus = completed
				? 'completed'
				: played.length > 0
					? 'in_progress'
					: a.dueAt < now
						? 'overdue'
						: 'not_started';
			return {
				id: a.id,
				scenarioKey: a.scenarioKey,
				mode: a.mode,
				dueAt: a.dueAt.toISOString(),
				status,
				/** The unfinished attempt on it, to continue. */
				open: played.find((t) => !t.done)?.id ?? null
			};
		});
	return { cards, assigned };
}
