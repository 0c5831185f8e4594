/**
 * Which transitions the recorded attempts on a scenario version took. Turns store replies, not
 * states, so each attempt is played again through the scenario machine with its own seed and its
 * stored assessments: the machine says where each reply led, and the transition's guard, read in
 * the same order as the machine reads them, says which of the state's transitions it was.
 */
import { and, asc, eq } from 'drizzle-orm';
import {
	compileScenario,
	sendReply,
	startAttempt,
	type CompiledScenario,
	type Guard,
	type GuardAssessment,
	type Scenario
} from '../../engine/scenario';
import { toGuardAssessment } from '../../engine/scoring';
import { getDb, type DbOrTx } from '../db';
import { attempts, turns } from '../db/schema';

export type PathCounts = {
	attempts: number;
	finished: number;
	/** Attempts that took each transition, by edge id (`state#order`). */
	edges: Record<string, number>;
	/** Finished attempts by the state they ended in (the scenario's own ending states). */
	endings: Record<string, number>;
	/** Finished attempts cut off by the reply limit where the scenario has no timed-out state. */
	turnLimit: number;
};

type Before = { mood: number; turn: number };

const within = (x: number, b: { atLeast?: number; atMost?: number }) =>
	(b.atLeast === undefined || x >= b.atLeast) && (b.atMost === undefined || x <= b.atMost);

/** A guard read as the scenario machine reads it, for the moment before the reply. */
export function holds(guard: Guard, a: GuardAssessment, before: Before): boolean {
	switch (guard.type) {
		case 'violation':
			return a.violations.some((v) => v.id === guard.id);
		case 'critical':
			return a.violations.some((v) => v.severity === 'critical');
		case 'dimension':
			return (a.dimensions[guard.id] ?? 0) >= guard.atLeast;
		case 'score':
			return within(a.score, guard);
		case 'mood':
			return within(before.mood, guard);
		case 'turn':
			return before.turn + 1 >= guard.atLeast;
		case 'all':
			return guard.of.every((g) => holds(g, a, before));
		case 'any':
			return guard.of.some((g) => holds(g, a, before));
		case 'not':
			return !holds(guard.guard, a, before);
	}
}

/** The edge ids one attempt took, and the state it stands in after its replies. */
export function replay(
	compiled: CompiledScenario,
	seed: number,
	assessments: GuardAssessment[]
): { edges: string[]; state: string; done: boolean } {
	let { snapshot, step } = startAttempt(compiled, seed);
	const edges: string[] = [];
	for (const assessment of assessments) {
		if (step.done) break;
		const state = compiled.scenario.states[step.state];
		const next = sendReply(compiled, snapshot, assessment);
		if (state && !state.final) {
			const before = { mood: step.mood, turn: step.turn };
			const order = state.on.findIndex((t) => !t.guard || holds(t.guard, assessment, before));
			// When the reply limit cut the conversation short the machine went elsewhere: no edge.
			if (order >= 0 && state.on[order].to === next.step.state) edges.push(`${state.id}#${order}`);
		}
		({ snapshot, step } = next);
	}
	return { edges, state: step.state, done: step.done };
}

/** Every recorded attempt on one scenario version, played again and counted. */
export function countPaths(
	versionId: number,
	scenario: Scenario,
	db: DbOrTx = getDb()
): PathCounts {
	const rows = db
		.select({ id: attempts.id, seed: attempts.seed, state: attempts.state, done: attempts.done })
		.from(attempts)
		.where(eq(attempts.scenarioVersionId, versionId))
		.all();
	const counts: PathCounts = {
		attempts: rows.length,
		finished: 0,
		edges: {},
		endings: {},
		turnLimit: 0
	};
	if (rows.length === 0) return counts;
	const replies = new Map<number, GuardAssessment[]>();
	// Joined rather than listed by id: a version with many attempts stays one bounded query.
	const stored = db
		.select({ attemptId: turns.attemptId, assessment: turns.assessment })
		.from(turns)
		.innerJoin(attempts, eq(turns.attemptId, attempts.id))
		.where(and(eq(attempts.scenarioVersionId, versionId), eq(turns.speaker, 'trainee')))
		.orderBy(asc(turns.attemptId), asc(turns.replyIndex))
		.all();
	for (const t of stored) {
		if (!t.assessment) continue;
		const list = replies.get(t.attemptId) ?? [];
		list.push(toGuardAssessment(t.assessment));
		replies.set(t.attemptId, list);
	}
	const compiled = compileScenario(scenario);
	for (const row of rows) {
		const played = replay(compiled, row.seed, replies.get(row.id) ?? []);
		for (const id of played.edges) counts.edges[id] = (counts.edges[id] ?? 0) + 1;
		if (!row.done) continue;
		counts.finished += 1;
		// The stored state is the record; the replay agrees with it unless the history was altered.
		if (row.state in scenario.states)
			counts.endings[row.state] = (counts.endings[row.state] ?? 0) + 1;
		else counts.turnLimit += 1;
	}
	return counts;
}
