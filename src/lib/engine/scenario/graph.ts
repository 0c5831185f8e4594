/**
 * A scenario as a graph a person can read: its states as nodes, its transitions as edges labelled
 * in plain words in both languages, and the shortest way from the start to each ending.
 */
import type { Guard } from './guards';
import type { Scenario } from './load';
import type { Bilingual, Outcome } from './schema';

/** What a rubric calls its dimensions and violations, in both languages. */
export type CriterionNames = {
	dimension: (id: string) => Bilingual | undefined;
	violation: (id: string) => Bilingual | undefined;
};

export type GraphNode = {
	id: string;
	kind: 'start' | 'step' | 'outcome';
	outcome: Outcome | null;
	/** What happens here: the customer's first line, or the ending's text. */
	text: Bilingual;
};
export type GraphEdge = {
	id: string;
	from: string;
	to: string;
	/** Position among the state's transitions: the first that holds is taken. */
	order: number;
	label: Bilingual;
	otherwise: boolean;
	best: boolean;
	mood: number;
};
export type ScenarioGraph = { start: string; nodes: GraphNode[]; edges: GraphEdge[] };
/** The fewest replies from the start to one ending, as the edges taken. */
export type ShortestPath = { outcome: Outcome; state: string; edges: string[] };

const both = (en: string, zh: string): Bilingual => ({ en, zh });
const quoteEn = (s: string) => `“${s}”`;
const quoteZh = (s: string) => `“${s}”`;
const join = (parts: Bilingual[], en: string, zh: string): Bilingual =>
	both(parts.map((p) => p.en).join(en), parts.map((p) => p.zh).join(zh));
const pct = (x: number) => `${Math.round(x * 100)}%`;

function range(atLeast: number | undefined, atMost: number | undefined): Bilingual {
	if (atLeast !== undefined && atMost !== undefined)
		return both(`between ${atLeast} and ${atMost}`, `在 ${atLeast} 到 ${atMost} 之间`);
	if (atLeast !== undefined) return both(`at least ${atLeast}`, `不低于 ${atLeast}`);
	return both(`at most ${atMost}`, `不高于 ${atMost}`);
}

/** A guard in plain words, without the leading "if". */
export function describeGuard(guard: Guard, names: CriterionNames): Bilingual {
	const name = (kind: 'dimension' | 'violation', id: string) =>
		(kind === 'dimension' ? names.dimension(id) : names.violation(id)) ?? both(id, id);
	switch (guard.type) {
		case 'violation': {
			const n = name('violation', guard.id);
			return both(`the reply shows ${quoteEn(n.en)}`, `回复出现${quoteZh(n.zh)}`);
		}
		case 'critical':
			return both('the reply has a critical problem', '回复有严重问题');
		case 'dimension': {
			const n = name('dimension', guard.id);
			const degree =
				guard.atLeast >= 1
					? both(' fully', '（完全做到）')
					: guard.atLeast > 0.5
						? both(` (at least ${pct(guard.atLeast)})`, `（至少 ${pct(guard.atLeast)}）`)
						: both('', '');
			return both(
				`the reply shows ${quoteEn(n.en)}${degree.en}`,
				`回复做到了${quoteZh(n.zh)}${degree.zh}`
			);
		}
		case 'score': {
			const r = range(guard.atLeast, guard.atMost);
			return both(`the reply scores ${r.en}`, `回复得分${r.zh}`);
		}
		case 'mood': {
			const r = range(guard.atLeast, guard.atMost);
			return both(`the customer's mood is ${r.en}`, `客户情绪${r.zh}`);
		}
		case 'turn':
			return both(
				`${guard.atLeast} or more replies have been given`,
				`已回复 ${guard.atLeast} 次或以上`
			);
		case 'all':
			return join(
				guard.of.map((g) => describeGuard(g, names)),
				' and ',
				'，并且'
			);
		case 'any':
			return join(
				guard.of.map((g) => describeGuard(g, names)),
				' or ',
				'，或'
			);
		case 'not':
			return describeNot(guard.guard, names);
	}
}

function describeNot(inner: Guard, names: CriterionNames): Bilingual {
	const violationName = (g: Guard) =>
		g.type === 'violation' ? (names.violation(g.id) ?? both(g.id, g.id)) : null;
	const single = violationName(inner);
	if (single)
		return both(`the reply does not show ${quoteEn(single.en)}`, `回复没有${quoteZh(single.zh)}`);
	if (inner.type === 'any' && inner.of.every((g) => g.type === 'violation')) {
		const list = inner.of.map((g) => violationName(g)!);
		return both(
			`the reply shows neither ${list.map((n) => quoteEn(n.en)).join(' nor ')}`,
			`回复既没有${list.map((n) => quoteZh(n.zh)).join('，也没有')}`
		);
	}
	if (inner.type === 'critical')
		return both('the reply has no critical problem', '回复没有严重问题');
	const d = describeGuard(inner, names);
	return both(`it is not the case that ${d.en}`, `并非${d.zh}`);
}

/** An edge's label: "if …", or "otherwise". */
export function edgeLabel(guard: Guard | null, names: CriterionNames): Bilingual {
	if (!guard) return both('otherwise', '其他情况');
	const d = describeGuard(guard, names);
	return both(`if ${d.en}`, `如果${d.zh}`);
}

/** The scenario's states and transitions, ready to draw or to list. */
export function scenarioGraph(scenario: Scenario, names: CriterionNames): ScenarioGraph {
	const nodes: GraphNode[] = [];
	const edges: GraphEdge[] = [];
	for (const state of Object.values(scenario.states)) {
		if (state.final) {
			nodes.push({ id: state.id, kind: 'outcome', outcome: state.outcome, text: state.text });
			continue;
		}
		nodes.push({
			id: state.id,
			kind: state.id === scenario.start ? 'start' : 'step',
			outcome: null,
			text: state.customer[0]
		});
		state.on.forEach((t, order) =>
			edges.push({
				id: `${state.id}#${order}`,
				from: state.id,
				to: t.to,
				order,
				label: edgeLabel(t.guard, names),
				otherwise: t.guard === null,
				best: t.best,
				mood: t.mood
			})
		);
	}
	// The start first, then in the order a reader meets them (breadth first), then the rest.
	const order = new Map(reachOrder(scenario.start, edges).map((id, i) => [id, i]));
	nodes.sort((a, b) => (order.get(a.id) ?? nodes.length) - (order.get(b.id) ?? nodes.length));
	return { start: scenario.start, nodes, edges };
}

function reachOrder(start: string, edges: GraphEdge[]): string[] {
	const seen = [start];
	for (let i = 0; i < seen.length; i++)
		for (const e of edges) if (e.from === seen[i] && !seen.includes(e.to)) seen.push(e.to);
	return seen;
}

/** For each ending reachable from the start: the fewest transitions that lead there. */
export function shortestPaths(graph: ScenarioGraph): ShortestPath[] {
	const via = new Map<string, GraphEdge | null>([[graph.start, null]]);
	const queue = [graph.start];
	while (queue.length > 0) {
		const at = queue.shift()!;
		for (const e of graph.edges) {
			if (e.from !== at || via.has(e.to)) continue;
			via.set(e.to, e);
			queue.push(e.to);
		}
	}
	const paths: ShortestPath[] = [];
	for (const node of graph.nodes) {
		if (node.kind !== 'outcome' || !via.has(node.id)) continue;
		const path: string[] = [];
		for (let e = via.get(node.id); e; e = via.get(e.from)) path.unshift(e.id);
		paths.push({ outcome: node.outcome!, state: node.id, edges: path });
	}
	return paths;
}

/** The names a rubric document gives its criteria, for labelling edges. */
export function criterionNames(doc: {
	dimensions: { id: string; title: Bilingual }[];
	violations: { id: string; title: Bilingual }[];
}): CriterionNames {
	const dims = new Map(doc.dimensions.map((d) => [d.id, d.title]));
	const viols = new Map(doc.violations.map((v) => [v.id, v.title]));
	return { dimension: (id) => dims.get(id), violation: (id) => viols.get(id) };
}
