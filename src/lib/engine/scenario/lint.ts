import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import type { PathKey } from '../source';
import { guardIds, type Guard, type GuardAssessment } from './guards';
import type { RubricIds } from './load';
import type { CompiledScenario, ReplyEvent } from './scenario.machine';
import type { Bilingual, Outcome } from './schema';

export type LintProblem = { path: PathKey[]; message: string };
/** The shortest way to an ending: the sample replies (by name) that lead there. */
export type OutcomePath = { outcome: Outcome; state: string; replies: string[] };
export type LintReport = { problems: LintProblem[]; paths: OutcomePath[] };

type Sample = { label: string; assessment: GuardAssessment };

function allGuards(compiled: CompiledScenario): Guard[] {
	return Object.values(compiled.scenario.states).flatMap((s) =>
		s.final ? [] : s.on.flatMap((t) => (t.guard ? [t.guard] : []))
	);
}

function scoreThresholds(guard: Guard): number[] {
	if (guard.type === 'score') return [guard.atLeast, guard.atMost].filter((x) => x !== undefined);
	if (guard.type === 'all' || guard.type === 'any') return guard.of.flatMap(scoreThresholds);
	if (guard.type === 'not') return scoreThresholds(guard.guard);
	return [];
}

/**
 * Sample replies for exploring a scenario: strong, empty and middling ones, each violation on a
 * strong and an empty reply, each dimension alone and each missing, and every score threshold.
 */
export function sampleReplies(compiled: CompiledScenario, rubric?: RubricIds): Sample[] {
	const guards = allGuards(compiled);
	const ids = guards.map(guardIds);
	const dimensions = [
		...new Set([...(rubric?.dimensions ?? []), ...ids.flatMap((i) => i.dimensions)])
	];
	const violations = [
		...new Set([...(rubric?.violations ?? []), ...ids.flatMap((i) => i.violations)])
	];
	const dims = (value: (d: string) => number) =>
		Object.fromEntries(dimensions.map((d) => [d, value(d)]));
	const make = (
		label: string,
		score: number,
		value: (d: string) => number,
		v: string[] = []
	): Sample => ({
		label,
		assessment: {
			score,
			dimensions: dims(value),
			violations: v.map((id) => ({ id, severity: 'critical' }))
		}
	});
	const samples = [
		make('strong reply', 100, () => 1),
		make('empty reply', 0, () => 0),
		make('middling reply', 50, () => 0.5)
	];
	for (const v of violations) {
		samples.push(
			make(`strong reply with ${v}`, 100, () => 1, [v]),
			make(`weak reply with ${v}`, 0, () => 0, [v])
		);
	}
	for (const d of dimensions) {
		samples.push(
			make(`only ${d}`, 30, (x) => (x === d ? 1 : 0)),
			make(`all but ${d}`, 70, (x) => (x === d ? 0 : 1))
		);
	}
	for (const t of new Set(guards.flatMap(scoreThresholds))) {
		samples.push(
			make(`score ${t}`, t, () => t / 100),
			make(`score ${t - 1}`, Math.max(0, t - 1), () => t / 100)
		);
	}
	return samples;
}

function texts(compiled: CompiledScenario): { path: PathKey[]; text: Bilingual }[] {
	const { scenario } = compiled;
	const out: { path: PathKey[]; text: Bilingual }[] = [
		{ path: ['title'], text: scenario.title },
		{ path: ['briefing'], text: scenario.briefing },
		{ path: ['persona', 'name'], text: scenario.persona.name }
	];
	for (const s of Object.values(scenario.states)) {
		if (s.final) out.push({ path: ['states', s.id, 'text'], text: s.text });
		else {
			out.push({ path: ['states', s.id, 'ideal'], text: s.ideal });
			s.customer.forEach((text, i) =>
				out.push({
					path: ['states', s.id, 'customer', ...(s.customer.length > 1 ? [i] : [])],
					text
				})
			);
		}
	}
	return out;
}

/**
 * Checks a compiled scenario: every state reachable and able to reach an ending, every declared
 * outcome reachable by some reply within maxTurns, no simple path longer than maxTurns, every text
 * really in both languages. Reports the shortest reply path to each outcome.
 */
export function lintScenario(compiled: CompiledScenario, rubric?: RubricIds): LintReport {
	const { scenario, machine, timeoutState } = compiled;
	const problems: LintProblem[] = [];

	// The structure, from the machine itself.
	const graph = toDirectedGraph(machine as never);
	const next = new Map<string, Set<string>>();
	for (const node of graph.children) {
		const targets = node.edges
			.map((e) => e.target.key)
			.filter((t) => t !== timeoutState || node.stateNode.key === timeoutState);
		next.set(node.stateNode.key, new Set(targets));
	}
	const finals = Object.values(scenario.states)
		.filter((s) => s.final)
		.map((s) => s.id);
	const reachable = new Set([scenario.start]);
	for (const queue = [scenario.start]; queue.length > 0;) {
		for (const t of next.get(queue.shift()!) ?? []) {
			if (reachable.has(t)) continue;
			reachable.add(t);
			queue.push(t);
		}
	}
	const canEnd = new Set(finals);
	for (let grew = true; grew;) {
		grew = false;
		for (const [from, targets] of next) {
			if (canEnd.has(from) || ![...targets].some((t) => canEnd.has(t))) continue;
			canEnd.add(from);
			grew = true;
		}
	}
	for (const id of Object.keys(scenario.states)) {
		if (!reachable.has(id))
			problems.push({
				path: ['states', id],
				message: `unreachable state: no transition leads to "${id}"`
			});
		else if (!canEnd.has(id))
			problems.push({
				path: ['states', id],
				message: `no way out: from "${id}" no transition leads to an ending`
			});
	}

	// No simple path from the start to an ending may need more replies than maxTurns.
	let longest: string[] = [];
	const walk = (at: string, path: string[]) => {
		if (finals.includes(at)) {
			if (path.length > longest.length) longest = path;
			return;
		}
		for (const t of next.get(at) ?? []) if (!path.includes(t)) walk(t, [...path, t]);
	};
	walk(scenario.start, [scenario.start]);
	if (longest.length - 1 > scenario.maxTurns) {
		problems.push({
			path: ['maxTurns'],
			message: `the path ${longest.join(' → ')} takes ${longest.length - 1} replies, more than maxTurns (${scenario.maxTurns})`
		});
	}

	// The behaviour: explore with sample replies (mood and turn are part of the state).
	const samples = sampleReplies(compiled, rubric);
	const labels = new Map<ReplyEvent, string>();
	const events = samples.map((s) => {
		const event: ReplyEvent = { type: 'reply.submitted', assessment: s.assessment };
		labels.set(event, s.label);
		return event;
	});
	const shortest = getShortestPaths(machine, {
		events,
		serializeState: (snap) => `${String(snap.value)}|${snap.context.mood}|${snap.context.turn}`,
		serializeEvent: (event) => labels.get(event as ReplyEvent) ?? JSON.stringify(event)
	});
	const paths: OutcomePath[] = [];
	for (const id of [...finals, ...(finals.includes(timeoutState) ? [] : [timeoutState])]) {
		const candidates = shortest
			.filter((p) => p.state.value === id)
			.sort((a, b) => a.steps.length - b.steps.length);
		const state = scenario.states[id];
		const outcome: Outcome = state?.final ? state.outcome : 'timed_out';
		if (candidates.length === 0) {
			if (state)
				problems.push({
					path: ['states', id, 'outcome'],
					message: `outcome "${outcome}" of "${id}" is never reached by any sample reply`
				});
			continue;
		}
		// The first step is the machine's own start, not a reply.
		const replies = candidates[0].steps.flatMap((s) => labels.get(s.event as ReplyEvent) ?? []);
		paths.push({ outcome, state: id, replies });
	}

	for (const { path, text } of texts(compiled)) {
		if (!/\p{Script=Han}/u.test(text.zh))
			problems.push({
				path: [...path, 'zh'],
				message: 'the Chinese text has no Chinese characters'
			});
		if (!/[A-Za-z]/.test(text.en) || /\p{Script=Han}{4,}/u.test(text.en)) {
			problems.push({ path: [...path, 'en'], message: 'the English text does not look English' });
		}
	}
	return { problems, paths };
}
