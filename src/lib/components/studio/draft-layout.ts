/**
 * The editor's graph layouts, made by the server (the browser has no layout engine): one request
 * per shape of the graph, the newest winning; a graph whose shape did not change keeps its layout.
 */
import type { ScenarioGraph } from '$lib/engine/scenario/graph';
import { layoutKey, type GraphLayout, type GraphLocale } from '$lib/components/graph/layout';

export type LaidOut = { graph: ScenarioGraph; layout: GraphLayout };

export function draftLayouts(
	url: string,
	locale: GraphLocale,
	on: { laidOut: (result: LaidOut) => void; failed: () => void }
) {
	let last: GraphLayout | null = null;
	let pending: AbortController | null = null;
	const cancel = () => {
		pending?.abort();
		pending = null;
	};
	return {
		/** `graph` is what `source` loaded into, in the browser: lay it out, or reuse a layout that fits. */
		update(source: string, graph: ScenarioGraph) {
			if (last?.key === layoutKey(graph, locale)) {
				cancel();
				on.laidOut({ graph, layout: last });
				return;
			}
			cancel();
			const request = new AbortController();
			pending = request;
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ source }),
				signal: request.signal
			})
				.then(async (response) => {
					if (!response.ok) throw new Error(`layout refused: ${response.status}`);
					return (await response.json()) as LaidOut;
				})
				.then((result) => {
					if (pending !== request) return;
					pending = null;
					last = result.layout;
					on.laidOut(result);
				})
				.catch((e: unknown) => {
					if (pending !== request) return; // overtaken by a newer source, or stopped
					pending = null;
					console.error('scenario graph layout failed', e);
					on.failed();
				});
		},
		stop: cancel
	};
}
