/** What people call the states of a scenario graph, in the reader's language: never its ids. */
import { m } from '$lib/paraglide/messages';
import type { GraphNode, ScenarioGraph } from '$lib/engine/scenario/graph';
import type { Outcome } from '$lib/engine/scenario/schema';
import type { GraphLocale } from './layout';

export type Tone = 'start' | 'step' | 'resolved' | 'escalated' | 'bad' | 'timeout';

export const toneOf = (node: Pick<GraphNode, 'kind' | 'outcome'>): Tone => {
	if (node.kind !== 'outcome') return node.kind;
	switch (node.outcome) {
		case 'resolved':
			return 'resolved';
		case 'escalated_supervisor':
			return 'escalated';
		case 'escalated_public':
		case 'customer_hung_up':
			return 'bad';
		default:
			return 'timeout';
	}
};

export function outcomeName(outcome: Outcome, locale: GraphLocale): string {
	const o = { locale };
	const names: Record<Outcome, string> = {
		resolved: m.outcome_resolved({}, o),
		escalated_supervisor: m.outcome_escalated_supervisor({}, o),
		escalated_public: m.outcome_escalated_public({}, o),
		customer_hung_up: m.outcome_customer_hung_up({}, o),
		timed_out: m.outcome_timed_out({}, o)
	};
	return names[outcome];
}

export const textIn = (text: { en: string; zh: string }, locale: GraphLocale) =>
	locale === 'zh-CN' ? text.zh : text.en;

/**
 * Each state's name: "State 1" onwards in the graph's reading order, and each ending by how it
 * ends ("Ending: Resolved"), numbered only when two endings end the same way.
 */
export function stateNames(
	graph: ScenarioGraph | null | undefined,
	locale: GraphLocale
): Map<string, string> {
	const o = { locale };
	const names = new Map<string, string>();
	const nodes = graph?.nodes ?? [];
	const sameEnding = new Map<string, number>();
	for (const n of nodes)
		if (n.outcome) sameEnding.set(n.outcome, (sameEnding.get(n.outcome) ?? 0) + 1);
	const seenEnding = new Map<string, number>();
	let step = 0;
	for (const n of nodes) {
		if (names.has(n.id)) continue;
		if (n.kind === 'outcome' && n.outcome) {
			const outcome = outcomeName(n.outcome, locale);
			const nth = (seenEnding.get(n.outcome) ?? 0) + 1;
			seenEnding.set(n.outcome, nth);
			names.set(
				n.id,
				(sameEnding.get(n.outcome) ?? 0) > 1
					? m.sgraph_ending_name_n({ outcome, n: nth }, o)
					: m.sgraph_ending_name({ outcome }, o)
			);
		} else {
			step += 1;
			names.set(n.id, m.sgraph_state({ n: step }, o));
		}
	}
	return names;
}
