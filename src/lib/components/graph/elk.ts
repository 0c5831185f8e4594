/** ELK in the browser: its own chunk, loaded only when a graph has to be laid out here. */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ScenarioGraph } from '$lib/engine/scenario/graph';
import { layoutGraph, type GraphLocale } from './layout';

let elk: InstanceType<typeof ELK> | null = null;

export function layoutInBrowser(graph: ScenarioGraph | null | undefined, locale: GraphLocale) {
	elk ??= new ELK();
	return layoutGraph(elk, graph, locale);
}
