/** Scenario graphs laid out on the server, so no page needs a layout engine in the browser. */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ScenarioGraph } from '../../engine/scenario';
import {
	layoutGraph,
	layoutKey,
	type GraphLayout,
	type GraphLocale
} from '../../components/graph/layout';

const elk = new ELK();
// A published version never changes: its layout per language is made once per process.
const cache = new Map<string, Promise<GraphLayout>>();

export function layoutFor(
	versionId: number,
	graph: ScenarioGraph,
	locale: GraphLocale
): Promise<GraphLayout> {
	const id = `${versionId}:${locale}`;
	let laid = cache.get(id);
	if (!laid) {
		laid = layoutGraph(elk, graph, locale);
		cache.set(id, laid);
		laid.catch(() => cache.delete(id));
	}
	return laid;
}

/** Layouts of graphs being edited, by layout key (which fixes the layout), newest used last. */
const recent = new Map<string, Promise<GraphLayout>>();
const RECENT_MAX = 200;

/**
 * The layout of a graph that is not a published version (a draft as it is typed). The key names
 * every input the layout depends on, so a graph whose text changed but not its shape reuses one.
 */
export function layoutOf(graph: ScenarioGraph, locale: GraphLocale): Promise<GraphLayout> {
	const id = layoutKey(graph, locale);
	let laid = recent.get(id);
	if (laid) recent.delete(id);
	else {
		laid = layoutGraph(elk, graph, locale);
		laid.catch(() => recent.delete(id));
	}
	recent.set(id, laid);
	if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
	return laid;
}
