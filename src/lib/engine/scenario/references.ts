/**
 * The reference replies are tests: each state's `ideal` reply, in both languages, must show every
 * dimension the state expects and raise no violation; played in sequence they must take the
 * transitions the author marked `best` and reach the scenario's best outcome.
 */
import type { PathKey } from '../source';
import {
	assessReply,
	attemptScore,
	compileAuthority,
	SHOWN,
	toGuardAssessment,
	type Assessment,
	type CompiledAuthority,
	type CompiledRubric
} from '../scoring';
import type { ActiveState } from './load';
import { sendReply, startAttempt, type CompiledScenario } from './scenario.machine';

export type ReferenceProblem = { path: PathKey[]; message: string };
export type ReferencePlay = {
	lang: 'zh' | 'en';
	replies: { state: string; score: number }[];
	outcome: string | null;
	score: number;
};

const langs = ['zh', 'en'] as const;

/** The context a state's reply is scored in: its expectations, the scenario's authority, the turn. */
export function replyContext(
	state: ActiveState,
	turn: number,
	authority: CompiledAuthority
): { expects?: string[]; turn: number; authority: CompiledAuthority } {
	return { ...(state.expects ? { expects: state.expects } : {}), turn, authority };
}

function problemsOf(a: Assessment): string[] {
	const missing = a.expects.filter((d) => a.dimensions[d].score < SHOWN);
	const out: string[] = [];
	if (missing.length > 0) out.push(`does not show ${missing.join(', ')}`);
	for (const v of a.violations)
		out.push(`raises ${v.id} ("${v.evidence.map((e) => e.text).join('" … "')}")`);
	if (a.structure === 'keywords') out.push('reads as a run of keywords');
	return out;
}

export function checkReferences(
	compiled: CompiledScenario,
	rubric: CompiledRubric
): { problems: ReferenceProblem[]; plays: ReferencePlay[] } {
	const { scenario } = compiled;
	const authority = compileAuthority(scenario.authority);
	const problems: ReferenceProblem[] = [];
	const active = Object.values(scenario.states).filter((s): s is ActiveState => !s.final);

	// Every state's reference reply on its own.
	for (const state of active)
		for (const lang of langs) {
			const turn = state.id === scenario.start ? 1 : 2;
			const a = assessReply(state.ideal[lang], {
				rubric,
				lang,
				...replyContext(state, turn, authority)
			});
			for (const message of problemsOf(a))
				problems.push({
					path: ['states', state.id, 'ideal', lang],
					message: `the reference reply (${lang}) ${message}`
				});
		}

	// The reference replies played in order, in each language.
	const plays: ReferencePlay[] = [];
	for (const lang of langs) {
		let { snapshot, step } = startAttempt(compiled, 0);
		const replies: ReferencePlay['replies'] = [];
		while (!step.done && replies.length < scenario.maxTurns + 1) {
			const state = scenario.states[step.state] as ActiveState;
			const best = state.on.find((t) => t.best);
			const a = assessReply(state.ideal[lang], {
				rubric,
				lang,
				...replyContext(state, replies.length + 1, authority)
			});
			replies.push({ state: state.id, score: a.score });
			const next = sendReply(compiled, snapshot, toGuardAssessment(a));
			if (best && next.step.state !== best.to) {
				problems.push({
					path: ['states', state.id, 'on', state.on.indexOf(best)],
					message: `the reference reply (${lang}) goes to "${next.step.state}", not to the best transition's "${best.to}"`
				});
			}
			({ snapshot, step } = next);
		}
		const total = replies.reduce((n, r) => n + r.score, 0);
		const score = attemptScore(total, replies.length, step.outcome, rubric);
		plays.push({ lang, replies, outcome: step.outcome, score });
		if (step.outcome !== scenario.bestOutcome)
			problems.push({
				path: ['bestOutcome'],
				message: `played in order, the reference replies (${lang}) end ${step.outcome ?? 'nowhere'}, not ${scenario.bestOutcome}`
			});
	}
	return { problems, plays };
}
