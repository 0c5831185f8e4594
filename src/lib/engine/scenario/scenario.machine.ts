import { and, assign, createActor, not, or, setup, type Snapshot } from 'xstate';
import type { Guard, GuardAssessment } from './guards';
import type { Scenario, ScenarioState } from './load';
import type { Bilingual, Outcome } from './schema';

export type ScenarioContext = {
	mood: number;
	turn: number;
	seed: number;
	last: GuardAssessment | null;
};
export type ReplyEvent = { type: 'reply.submitted'; assessment: GuardAssessment };
export type PersistedAttempt = Snapshot<unknown>;

const clampMood = (mood: number) => Math.max(0, Math.min(100, mood));
const within = (x: number, b: { atLeast?: number; atMost?: number }) =>
	(b.atLeast === undefined || x >= b.atLeast) && (b.atMost === undefined || x <= b.atMost);

/** Shown when the turn limit ends a conversation and the scenario declares no timed_out state. */
export const defaultTimeout: Bilingual = {
	en: 'Time is up: the customer gave up waiting for a real answer and ended the call.',
	zh: '时间到：客户等不到实质性的答复，结束了通话。'
};

function machineFor(scenario: Scenario, timeoutState: string) {
	const base = setup({
		types: {
			context: {} as ScenarioContext,
			events: {} as ReplyEvent,
			input: {} as { seed?: number } | undefined
		},
		guards: {
			violation: ({ event }, p: { id: string }) =>
				event.assessment.violations.some((v) => v.id === p.id),
			critical: ({ event }) => event.assessment.violations.some((v) => v.severity === 'critical'),
			dimensionAtLeast: ({ event }, p: { id: string; atLeast: number }) =>
				(event.assessment.dimensions[p.id] ?? 0) >= p.atLeast,
			scoreWithin: ({ event }, p: { atLeast?: number; atMost?: number }) =>
				within(event.assessment.score, p),
			moodWithin: ({ context }, p: { atLeast?: number; atMost?: number }) =>
				within(context.mood, p),
			turnAtLeast: ({ context }, p: { atLeast: number }) => context.turn + 1 >= p.atLeast,
			lastTurn: ({ context }) => context.turn + 1 >= scenario.maxTurns
		},
		actions: {
			applyReply: assign(({ context, event }, p: { mood: number }) => ({
				turn: context.turn + 1,
				last: event.assessment,
				mood: clampMood(context.mood + p.mood)
			}))
		}
	});

	// Guards compile to the named, parameterized implementations above, combined with and/or/not.
	// (Typed loosely: XState's guard types do not follow a guard tree built at run time.)
	const compileGuard = (g: Guard): never => {
		switch (g.type) {
			case 'violation':
				return { type: 'violation', params: { id: g.id } } as never;
			case 'critical':
				return 'critical' as never;
			case 'dimension':
				return { type: 'dimensionAtLeast', params: { id: g.id, atLeast: g.atLeast } } as never;
			case 'score':
				return { type: 'scoreWithin', params: { atLeast: g.atLeast, atMost: g.atMost } } as never;
			case 'mood':
				return { type: 'moodWithin', params: { atLeast: g.atLeast, atMost: g.atMost } } as never;
			case 'turn':
				return { type: 'turnAtLeast', params: { atLeast: g.atLeast } } as never;
			case 'all':
				return and(g.of.map(compileGuard)) as never;
			case 'any':
				return or(g.of.map(compileGuard)) as never;
			case 'not':
				return not(compileGuard(g.guard) as 'critical') as never;
		}
	};

	const stateConfig = (state: ScenarioState) => {
		if (state.final) return { type: 'final' as const };
		// `meta` names the scenario's transition, so a preview can say which one was taken.
		const transitions = state.on.flatMap((t, index) => {
			const actions = [{ type: 'applyReply' as const, params: { mood: t.mood } }];
			const guard = t.guard ? compileGuard(t.guard) : undefined;
			const meta = { index, timeout: false };
			if (scenario.states[t.to]?.final) return [{ guard, target: t.to, actions, meta }];
			// A reply that would keep the conversation going past the turn limit ends it instead.
			return [
				{
					guard: guard ? (and([guard, 'lastTurn']) as never) : ('lastTurn' as const),
					target: timeoutState,
					actions,
					meta: { index, timeout: true }
				},
				{ guard, target: t.to, actions, meta }
			];
		});
		return { on: { 'reply.submitted': transitions } };
	};

	const states: Record<string, ReturnType<typeof stateConfig>> = {};
	for (const state of Object.values(scenario.states)) states[state.id] = stateConfig(state);
	states[timeoutState] ??= { type: 'final' };

	return base.createMachine({
		id: scenario.key,
		initial: scenario.start,
		context: ({ input }) => ({
			mood: scenario.persona.mood,
			turn: 0,
			seed: input?.seed ?? 0,
			last: null
		}),
		states: states as never
	});
}

export type CompiledScenario = {
	scenario: Scenario;
	machine: ReturnType<typeof machineFor>;
	timeoutState: string;
};

export function compileScenario(scenario: Scenario): CompiledScenario {
	const declared = Object.values(scenario.states).find((s) => s.final && s.outcome === 'timed_out');
	let timeoutState = declared?.id ?? 'timed_out';
	while (!declared && timeoutState in scenario.states) timeoutState = `_${timeoutState}`;
	return { scenario, machine: machineFor(scenario, timeoutState), timeoutState };
}

/** FNV-1a: a small, stable hash so a seed always picks the same line variant. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** Where an attempt stands, in the terms the UI and the API speak. */
export type Step = {
	state: string;
	done: boolean;
	outcome: Outcome | null;
	mood: number;
	turn: number;
	/** The customer's next line; null once the conversation has ended. */
	customer: Bilingual | null;
	/** What happened, once it has ended. */
	outcomeText: Bilingual | null;
};

export function stepOf(compiled: CompiledScenario, value: string, context: ScenarioContext): Step {
	const state = compiled.scenario.states[value];
	const base = { state: value, mood: context.mood, turn: context.turn };
	if (!state || state.final) {
		const outcome: Outcome = state?.final ? state.outcome : 'timed_out';
		return {
			...base,
			done: true,
			outcome,
			customer: null,
			outcomeText: state?.final ? state.text : defaultTimeout
		};
	}
	const variants = state.customer;
	const customer = variants[hash(`${context.seed}:${value}:${context.turn}`) % variants.length];
	return { ...base, done: false, outcome: null, customer, outcomeText: null };
}

function run(
	compiled: CompiledScenario,
	options: Parameters<typeof createActor>[1],
	event?: ReplyEvent
) {
	const actor = createActor(compiled.machine, options as never);
	actor.start();
	if (event) actor.send(event);
	const snapshot = actor.getSnapshot();
	const persisted = actor.getPersistedSnapshot();
	actor.stop();
	return { snapshot: persisted, step: stepOf(compiled, String(snapshot.value), snapshot.context) };
}

/** A new attempt: its persisted snapshot and the customer's opening line. */
export function startAttempt(compiled: CompiledScenario, seed = 0) {
	return run(compiled, { input: { seed } });
}

/** Restores an attempt from its persisted snapshot and applies one assessed reply. */
export function sendReply(
	compiled: CompiledScenario,
	persisted: PersistedAttempt,
	assessment: GuardAssessment
) {
	return run(compiled, { snapshot: persisted }, { type: 'reply.submitted', assessment });
}
