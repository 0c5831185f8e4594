import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileAuthority, loadRubric, rubricIds, type CompiledRubric } from '../scoring';
import { formatProblem } from '../source';
import { criterionNames, edgeLabel } from './graph';
import { loadScenario, type ActiveState } from './load';
import { openingOf, positionProblem, previewReply, type PreviewPosition } from './preview';
import { compileScenario } from './scenario.machine';

const rubricFile = 'scenarios/rubrics/complaint-handling.yaml';
const modelFile = 'scenarios/rubrics/complaint-handling.model.json';
const loaded = loadRubric(rubricFile, fs.readFileSync(rubricFile, 'utf8'), {
	file: modelFile,
	text: fs.readFileSync(modelFile, 'utf8')
});
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const rubric: CompiledRubric = loaded.rubric;
const names = criterionNames(rubric.doc);

function scenarioOf(key: string) {
	const file = `scenarios/${key}.yaml`;
	const result = loadScenario(file, fs.readFileSync(file, 'utf8'), rubricIds(rubric));
	if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
	const compiled = compileScenario(result.scenario);
	return { compiled, authority: compileAuthority(result.scenario.authority) };
}
const keys = ['missed-appointment', 'rude-call', 'disputed-fee', 'subsidy-claim'];

describe('previewReply: one reply, its reasons and its branch', () => {
	it.each(keys)(
		'%s: the reference replies take every best transition, in words, to the best outcome',
		(key) => {
			const { compiled, authority } = scenarioOf(key);
			const { scenario } = compiled;
			for (const lang of ['en', 'zh'] as const) {
				let at: PreviewPosition = {
					state: scenario.start,
					mood: scenario.persona.mood,
					turn: 0,
					seed: 0
				};
				let outcome: string | null = null;
				for (let i = 0; i < scenario.maxTurns && outcome === null; i++) {
					const state = scenario.states[at.state] as ActiveState;
					const step = previewReply(compiled, rubric, authority, at, state.ideal[lang]);
					const best = state.on.find((t) => t.best)!;
					expect(step.transition.best, `${key} ${at.state} ${lang}`).toBe(true);
					expect(step.transition.to).toBe(best.to);
					expect(step.transition.label).toEqual(edgeLabel(best.guard, names));
					expect(step.mood).toEqual({
						before: at.mood,
						after: Math.max(0, Math.min(100, at.mood + best.mood))
					});
					expect(step.explanation.criteria.length).toBe(
						rubric.dimensions.length + rubric.violations.length
					);
					if (step.next.done) outcome = step.next.outcome;
					else at = { ...at, state: step.next.state, mood: step.next.mood, turn: step.next.turn };
				}
				expect(outcome).toBe(scenario.bestOutcome);
			}
		}
	);

	it('takes the branch for a rude reply and says why disrespect was raised', () => {
		const { compiled, authority } = scenarioOf('missed-appointment');
		const at = { state: 'opening', mood: 40, turn: 0, seed: 0 };
		const step = previewReply(compiled, rubric, authority, at, 'You people are useless, shut up.');
		const disrespect = step.explanation.criteria.find((c) => c.id === 'disrespect')!;
		expect(disrespect.verdict).toBe('raised');
		expect(disrespect.reasons.map((r) => r.en).join(' ')).toContain('The rules found');
		expect(step.transition.best).toBe(false);
		expect(step.transition.label.en).toBe('if the reply has a critical problem');
		expect(step.mood.after).toBeLessThan(step.mood.before);
		expect(step.next.state).toBe('fuming');
		expect(step.next.customer?.en).toContain('please wait');
	});

	it('starts from any state with the mood and turn given, and the next start is independent', () => {
		const { compiled, authority } = scenarioOf('missed-appointment');
		const state = compiled.scenario.states.where_is_he as ActiveState;
		const first = previewReply(
			compiled,
			rubric,
			authority,
			{ state: 'where_is_he', mood: 5, turn: 1, seed: 0 },
			state.ideal.en
		);
		expect(first.mood.before).toBe(5);
		expect(first.transition.best).toBe(true);
		expect(first.next.turn).toBe(2);
		// Restarting from the start afterwards is a fresh conversation.
		const again = previewReply(
			compiled,
			rubric,
			authority,
			{ state: 'opening', mood: 40, turn: 0, seed: 0 },
			(compiled.scenario.states.opening as ActiveState).ideal.en
		);
		expect(again.next.state).toBe('where_is_he');
		expect(again.mood).toEqual({ before: 40, after: 55 });
	});

	it('ends the call as timed out when the last turn would go on, and says so', () => {
		const { compiled, authority } = scenarioOf('missed-appointment');
		const at = { state: 'where_is_he', mood: 40, turn: compiled.scenario.maxTurns - 1, seed: 0 };
		const step = previewReply(compiled, rubric, authority, at, 'ok');
		expect(step.transition.timedOut).toBe(true);
		expect(step.transition.otherwise).toBe(true);
		expect(step.transition.label.en).toBe('otherwise');
		expect(step.next.done).toBe(true);
		expect(step.next.outcome).toBe('timed_out');
	});

	it('refuses a position that cannot be played, and gives the line where it can', () => {
		const { compiled } = scenarioOf('missed-appointment');
		const at = (state: string, turn = 0) => ({ state, mood: 40, turn, seed: 0 });
		expect(positionProblem(compiled, at('nowhere'))).toBe('unknown_state');
		expect(positionProblem(compiled, at('hung_up'))).toBe('final_state');
		expect(positionProblem(compiled, at('opening', compiled.scenario.maxTurns))).toBe(
			'past_turn_limit'
		);
		expect(positionProblem(compiled, at('fuming', 3))).toBeNull();
		expect(openingOf(compiled, at('fuming', 3)).customer?.en).toContain('please wait');
		expect(() =>
			previewReply(compiled, rubric, compileAuthority([]), at('hung_up'), 'hi')
		).toThrow();
	});
});
