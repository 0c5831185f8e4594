/** Scenario graphs laid out on the server, so the page needs no layout engine in the browser. */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ScenarioGraph } from '../../engine/scenario';
import { layoutGraph, type GraphLayout, type GraphLocale } from '../../components/graph/layout';

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
