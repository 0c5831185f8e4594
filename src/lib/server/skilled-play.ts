import fs from 'node:fs';
import {
	replyContext,
	sendReply,
	startAttempt,
	type ActiveState,
	type CompiledScenario
} from '../engine/scenario';
import {
	assessReply,
	attemptScore,
	compileAuthority,
	toGuardAssessment,
	type CompiledRubric
} from '../engine/scoring';

/** Replies a skilled agent wrote apart from the project, per scenario, state and language. */
export const SKILLED_FILE = 'tests/fixtures/scoring/skilled.json';
type Skilled = Record<string, Record<string, { en: string[]; zh: string[] }>>;

export type SkilledPlay = {
	scenario: string;
	lang: 'zh' | 'en';
	variant: number;
	outcome: string | null;
	score: number;
	path: string[];
};

/**
 * Plays each scenario with the replies written apart by a skilled agent, answering whatever state
 * the conversation reaches, in both languages and with each variant.
 */
export function playSkilled(scenarios: CompiledScenario[], rubric: CompiledRubric): SkilledPlay[] {
	const skilled = JSON.parse(fs.readFileSync(SKILLED_FILE, 'utf8')) as Skilled;
	const plays: SkilledPlay[] = [];
	for (const compiled of scenarios) {
		const key = compiled.scenario.key;
		const authority = compileAuthority(compiled.scenario.authority);
		for (const lang of ['zh', 'en'] as const)
			for (const variant of [0, 1]) {
				let { snapshot, step } = startAttempt(compiled, 0);
				let total = 0;
				const path: string[] = [];
				while (!step.done && path.length <= compiled.scenario.maxTurns) {
					const state = compiled.scenario.states[step.state] as ActiveState;
					const text = skilled[key]?.[state.id]?.[lang]?.[variant];
					if (!text) break;
					const a = assessReply(text, {
						rubric,
						lang,
						...replyContext(state, path.length + 1, authority)
					});
					total += a.score;
					path.push(`${state.id}:${a.score}`);
					({ snapshot, step } = sendReply(compiled, snapshot, toGuardAssessment(a)));
				}
				plays.push({
					scenario: key,
					lang,
					variant,
					outcome: step.outcome,
					score: attemptScore(total, path.length, step.outcome, rubric),
					path
				});
			}
	}
	return plays;
}
