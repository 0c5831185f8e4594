/**
 * Where each state and each transition label of a scenario graph goes, laid out in layers by ELK.
 * Pure apart from the ELK instance it is given. Only the server lays graphs out (for a scenario's
 * page and for the editor as a draft is typed); the browser imports this module's types and keys
 * only, so ELK never reaches it.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ScenarioGraph } from '$lib/engine/scenario/graph';

export type GraphLocale = 'en' | 'zh-CN';
export type Box = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };
export type GraphLayout = {
	/** Which graph and language this layout was made for (see layoutKey). */
	key: string;
	width: number;
	height: number;
	nodes: Record<string, Box>;
	edges: Record<string, { points: Point[]; label: Box | null }>;
};

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 112;
export const LABEL_WIDTH = 168;
/** Lines of a transition label shown on the graph; the rest is in its tooltip and the outline. */
export const LABEL_LINES = 3;
const LINE_HEIGHT = 16;
const LABEL_PADDING = 8;

const wide = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** Roughly how wide a text is at the label's 12px font: CJK characters are square, Latin narrower. */
function textWidth(text: string): number {
	let w = 0;
	for (const ch of text) w += wide.test(ch) ? 12.5 : 6.6;
	return w;
}

export function labelLines(text: string): number {
	const lines = Math.ceil(textWidth(text) / (LABEL_WIDTH - 2 * LABEL_PADDING));
	return Math.max(1, Math.min(LABEL_LINES, lines));
}

/** The label's height: its (capped) lines, plus one for a count of attempts when there is one. */
export function labelHeight(text: string, withCount: boolean): number {
	return (labelLines(text) + (withCount ? 1 : 0)) * LINE_HEIGHT + LABEL_PADDING;
}

const labelText = (label: { en: string; zh: string }, locale: GraphLocale) =>
	locale === 'zh-CN' ? label.zh : label.en;

/** The states and transitions a layout can hold: no duplicates, no edge to a missing state. */
export function drawable(graph: ScenarioGraph | null | undefined) {
	const nodes = [...new Map((graph?.nodes ?? []).map((n) => [n.id, n])).values()];
	const ids = new Set(nodes.map((n) => n.id));
	const edges = [...new Map((graph?.edges ?? []).map((e) => [e.id, e])).values()].filter(
		(e) => ids.has(e.from) && ids.has(e.to)
	);
	return { nodes, edges };
}

/** Identifies a graph's shape and wording in one language: a layout fits when the key matches. */
export function layoutKey(graph: ScenarioGraph | null | undefined, locale: GraphLocale): string {
	const { nodes, edges } = drawable(graph);
	return JSON.stringify([
		locale,
		nodes.map((n) => n.id),
		edges.map((e) => [e.id, e.from, e.to, labelLines(labelText(e.label, locale))])
	]);
}

const layoutOptions = {
	'elk.algorithm': 'layered',
	'elk.direction': 'DOWN',
	'elk.edgeRouting': 'ORTHOGONAL',
	'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
	'elk.layered.spacing.nodeNodeBetweenLayers': '56',
	'elk.layered.spacing.edgeNodeBetweenLayers': '24',
	'elk.spacing.nodeNode': '40',
	'elk.spacing.edgeEdge': '14',
	'elk.spacing.edgeLabel': '6',
	'elk.padding': '[top=16,left=16,bottom=16,right=16]'
};

/**
 * Lays the graph out. Labels are sized for one more line when attempts are counted, so the same
 * layout serves the page with and without counts.
 */
export async function layoutGraph(
	elk: ELK,
	graph: ScenarioGraph | null | undefined,
	locale: GraphLocale
): Promise<GraphLayout> {
	const key = layoutKey(graph, locale);
	const { nodes, edges } = drawable(graph);
	if (nodes.length === 0) return { key, width: 0, height: 0, nodes: {}, edges: {} };
	const root: ElkNode = {
		id: '__root',
		layoutOptions,
		children: nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
		edges: edges.map((e): ElkExtendedEdge => ({
			id: e.id,
			sources: [e.from],
			targets: [e.to],
			labels: [
				{
					id: `${e.id}/label`,
					text: labelText(e.label, locale),
					width: LABEL_WIDTH,
					height: labelHeight(labelText(e.label, locale), true),
					layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' }
				}
			]
		}))
	};
	const laid = await elk.layout(root);
	const layout: GraphLayout = {
		key,
		width: laid.width ?? 0,
		height: laid.height ?? 0,
		nodes: {},
		edges: {}
	};
	for (const c of laid.children ?? [])
		layout.nodes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: NODE_WIDTH, height: NODE_HEIGHT };
	for (const e of laid.edges ?? []) {
		const points = (e.sections ?? []).flatMap((s) => [
			s.startPoint,
			...(s.bendPoints ?? []),
			s.endPoint
		]);
		const l = e.labels?.[0];
		const label = l
			? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? LABEL_WIDTH, height: l.height ?? 0 }
			: null;
		layout.edges[e.id] = { points, label };
	}
	return layout;
}
