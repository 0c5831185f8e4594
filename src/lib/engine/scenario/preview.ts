/**
 * Playing a scenario from any state, for its author: one reply scored and explained, and the branch
 * it takes in plain words. Nothing is kept; the caller holds the position between replies.
 */
import {
	assessAndExplain,
	toGuardAssessment,
	type Assessment,
	type CompiledAuthority,
	type CompiledRubric,
	type Explanation
} from '../scoring';
import type { GuardAssessment } from './guards';
import { criterionNames, edgeLabel } from './graph';
import type { ActiveState } from './load';
import { replyContext } from './references';
import {
	sendReply,
	stepOf,
	type CompiledScenario,
	type ReplyEvent,
	type Step
} from './scenario.machine';
import type { Bilingual } from './schema';

/** Where a preview stands: the state answered, the mood, the replies already given, the seed. */
export type PreviewPosition = { state: string; mood: number; turn: number; seed: number };

/** Why a position cannot be played. */
export type PositionProblem = 'unknown_state' | 'final_state' | 'past_turn_limit';

export function positionProblem(
	compiled: CompiledScenario,
	at: PreviewPosition
): PositionProblem | null {
	const state = compiled.scenario.states[at.state];
	if (!state) return 'unknown_state';
	if (state.final) return 'final_state';
	if (at.turn >= compiled.scenario.maxTurns) return 'past_turn_limit';
	return null;
}

/** The customer's line at a position (the variant the seed picks). */
export function openingOf(compiled: CompiledScenario, at: PreviewPosition): Step {
	return stepOf(compiled, at.state, { mood: at.mood, turn: at.turn, seed: at.seed, last: null });
}

/** The transition a reply took, in words. */
export type TakenTransition = {
	/** Position among the state's transitions (the first that held). */
	index: number;
	label: Bilingual;
	to: string;
	best: boolean;
	otherwise: boolean;
	/** The turn limit ended the call instead of going on to `to`. */
	timedOut: boolean;
	/** The mood change the transition carries (the mood is then kept within 0–100). */
	mood: number;
};

export type PreviewStep = {
	assessment: Assessment;
	explanation: Explanation;
	transition: TakenTransition;
	mood: { before: number; after: number };
	/** Where the conversation is now: the next customer line, or the ending. */
	next: Step;
};

/** The scenario transition XState took for a reply at a position (read from the machine itself). */
function taken(compiled: CompiledScenario, at: PreviewPosition, assessment: GuardAssessment) {
	const context = { mood: at.mood, turn: at.turn, seed: at.seed, last: null };
	const snapshot = compiled.machine.resolveState({ value: at.state, context });
	const event: ReplyEvent = { type: 'reply.submitted', assessment };
	const [fired] = compiled.machine.getTransitionData(snapshot as never, event as never);
	const meta = (fired as { meta?: { index: number; timeout: boolean } } | undefined)?.meta;
	if (!meta) throw new Error(`no transition of state "${at.state}" took the reply`);
	return { meta, persisted: compiled.machine.getPersistedSnapshot(snapshot as never) };
}

/**
 * Scores one reply at a position, in its state's context (expectations, the scenario's authority,
 * the turn), explains every criterion and moves the conversation on as an attempt would.
 */
export function previewReply(
	compiled: CompiledScenario,
	rubric: CompiledRubric,
	authority: CompiledAuthority,
	at: PreviewPosition,
	text: string
): PreviewStep {
	const problem = positionProblem(compiled, at);
	if (problem) throw new Error(`cannot play from "${at.state}": ${problem}`);
	const state = compiled.scenario.states[at.state] as ActiveState;
	const { assessment, explanation } = assessAndExplain(text, {
		rubric,
		...replyContext(state, at.turn + 1, authority)
	});
	const guard = toGuardAssessment(assessment);
	const { meta, persisted } = taken(compiled, at, guard);
	const { step } = sendReply(compiled, persisted, guard);
	const t = state.on[meta.index];
	return {
		assessment,
		explanation,
		transition: {
			index: meta.index,
			label: edgeLabel(t.guard, criterionNames(rubric.doc)),
			to: t.to,
			best: t.best,
			otherwise: t.guard === null,
			timedOut: meta.timeout,
			mood: t.mood
		},
		mood: { before: at.mood, after: step.mood },
		next: step
	};
}
