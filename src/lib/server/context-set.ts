import fs from 'node:fs';
import {
	assessReply,
	compileAuthority,
	findTimes,
	normalize,
	SHOWN,
	type Assessment,
	type CompiledRubric
} from '../engine/scoring';
import { replyContext, type ActiveState, type Scenario } from '../engine/scenario';
import { checkScenarios, scenarioFiles } from './scenario-files';

/** One reply of the regression set, in its context, with what its assessment must show. */
export type ContextCase = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	scenario?: string;
	state?: string;
	turn?: number;
	expect: {
		structure?: 'keywords' | 'sentences';
		scoreAtMost?: number;
		scoreAtLeast?: number;
		violations?: string[];
		noViolations?: true | string[];
		shown?: string[];
		notShown?: string[];
		times?: string[];
		tip?: string;
	};
	note: string;
};

export const CONTEXT_SET = 'tests/fixtures/scoring/context.jsonl';

export function readContextSet(file = CONTEXT_SET): ContextCase[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as ContextCase);
}

/** What in an assessment breaks a case's expectations (empty when it holds). */
export function failures(c: ContextCase, a: Assessment, times: string[]): string[] {
	const e = c.expect;
	const out: string[] = [];
	const found = a.violations.map((v) => v.id);
	if (e.structure && a.structure !== e.structure) out.push(`structure ${a.structure}`);
	if (e.scoreAtMost !== undefined && a.score > e.scoreAtMost) out.push(`score ${a.score}`);
	if (e.scoreAtLeast !== undefined && a.score < e.scoreAtLeast) out.push(`score ${a.score}`);
	for (const v of e.violations ?? []) if (!found.includes(v)) out.push(`missed ${v}`);
	if (e.noViolations === true && found.length > 0) out.push(`raised ${found.join(', ')}`);
	if (Array.isArray(e.noViolations))
		for (const v of e.noViolations) if (found.includes(v)) out.push(`raised ${v}`);
	for (const d of e.shown ?? []) if (a.dimensions[d].score < SHOWN) out.push(`missed ${d}`);
	for (const d of e.notShown ?? []) if (a.dimensions[d].score >= SHOWN) out.push(`credited ${d}`);
	for (const t of e.times ?? []) if (!times.includes(t)) out.push(`no time "${t}"`);
	if (e.tip !== undefined && a.tip !== e.tip) out.push(`tip ${a.tip}`);
	return out;
}

/** The promised time expressions of a reply, as written. */
function timesIn(text: string): string[] {
	return findTimes(normalize(text))
		.filter((t) => !t.past)
		.map((t) => text.slice(t.start, t.end));
}

/** Scores every case in its scenario's context; the result of each, and how many held. */
export function evaluateContextSet(rubric: CompiledRubric, cases = readContextSet()) {
	const scenarios = new Map<string, Scenario>(
		checkScenarios(scenarioFiles()).scenarios.map((s) => [
			s.compiled.scenario.key,
			s.compiled.scenario
		])
	);
	const results = cases.map((c) => {
		const scenario = c.scenario ? scenarios.get(c.scenario) : undefined;
		const state = scenario && c.state ? (scenario.states[c.state] as ActiveState) : undefined;
		const context = state
			? replyContext(state, c.turn ?? 2, compileAuthority(scenario!.authority))
			: { turn: c.turn ?? 2 };
		const a = assessReply(c.text, { rubric, lang: c.lang, ...context });
		const problems = failures(c, a, timesIn(c.text));
		return { id: c.id, note: c.note, text: c.text, ok: problems.length === 0, problems };
	});
	return { n: results.length, held: results.filter((r) => r.ok).length, results };
}
