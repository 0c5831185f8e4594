/**
 * A preview as the page shows it: the states to start from (by their customer line), where it
 * starts, and each reply's step with its assessment, explanation and branch, ready to send.
 */
import {
	criterionNames,
	openingOf,
	positionProblem,
	previewReply,
	scenarioGraph,
	type CompiledScenario,
	type PositionProblem,
	type PreviewPosition
} from '../../engine/scenario';
import { readable, type Explanation } from '../../engine/scoring';
import type { Playable } from './subject';

export type StateChoice = {
	id: string;
	line: { zh: string; en: string };
	start: boolean;
	/** The fewest replies from the start to here: the turn a preview from here assumes. */
	depth: number;
};

/** The states a reply can be given in, in the order a reader meets them, start first. */
export function stateChoices(subject: Playable): StateChoice[] {
	const graph = scenarioGraph(subject.compiled.scenario, criterionNames(subject.rubric.doc));
	const depth = new Map([[graph.start, 0]]);
	const queue = [graph.start];
	while (queue.length > 0) {
		const at = queue.shift()!;
		for (const e of graph.edges)
			if (e.from === at && !depth.has(e.to)) {
				depth.set(e.to, depth.get(at)! + 1);
				queue.push(e.to);
			}
	}
	return graph.nodes
		.filter((n) => n.kind !== 'outcome')
		.map((n) => ({
			id: n.id,
			line: n.text,
			start: n.kind === 'start',
			depth: depth.get(n.id) ?? 1
		}));
}

/** Where a preview starts: the chosen state (the start by default), its mood and turn. */
export function startPosition(
	subject: Playable,
	asked: Partial<PreviewPosition>
): { at: PreviewPosition; problem: PositionProblem | null } {
	const { scenario } = subject.compiled;
	const state = asked.state ?? scenario.start;
	const choice = stateChoices(subject).find((s) => s.id === state);
	const at: PreviewPosition = {
		state,
		mood: asked.mood ?? scenario.persona.mood,
		turn: Math.min(asked.turn ?? choice?.depth ?? 0, scenario.maxTurns - 1),
		seed: asked.seed ?? 0
	};
	const problem = positionProblem(subject.compiled, at);
	return problem
		? { at: { ...at, state: scenario.start, turn: 0 }, problem }
		: { at, problem: null };
}

/** The customer's line where a preview stands. */
export function lineAt(compiled: CompiledScenario, at: PreviewPosition) {
	return openingOf(compiled, at).customer;
}

export type StepView = ReturnType<typeof replyStep>;

/** One reply played: what the page shows of it (readable assessment, reasons, branch, what next). */
export function replyStep(subject: Playable, at: PreviewPosition, text: string) {
	const step = previewReply(subject.compiled, subject.rubric, subject.authority, at, text);
	const { next } = step;
	return {
		reply: text,
		at,
		/** The customer's line the reply answers. */
		customer: lineAt(subject.compiled, at),
		assessment: readable(step.assessment),
		explanation: step.explanation satisfies Explanation,
		transition: step.transition,
		mood: step.mood,
		next: {
			done: next.done,
			state: next.state,
			customer: next.customer,
			outcome: next.outcome,
			outcomeText: next.outcomeText,
			position: next.done
				? null
				: { state: next.state, mood: next.mood, turn: next.turn, seed: at.seed }
		}
	};
}
