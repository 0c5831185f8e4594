import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid } from '$lib/server/api';
import { authorize } from '$lib/server/guard';
import { detail } from '$lib/server/scenario-view/detail';
import { parseQuery } from '$lib/server/scenario-view/query';
import type { RequestHandler } from './$types';

// One scenario version as a graph: its states, its transitions in plain words, its endings.
export const GET: RequestHandler = (event) => {
	const user = authorize(event, 'scenarios');
	const query = parseQuery(event.url.searchParams);
	if (!query.ok) return apiInvalid(query.errors);
	const { version } = query.data;
	const result = detail(user, event.params.key, version);
	if (!result.ok) {
		if (result.reason === 'forbidden') return apiError(403, 'forbidden', m.error_forbidden());
		if (result.reason === 'no_version')
			return apiError(404, 'not_found', m.sview_version_missing({ version: version! }));
		return apiError(404, 'not_found', m.sview_not_found());
	}
	const d = result.detail;
	const shortest = new Map(d.paths.map((p) => [p.state, p.edges]));
	return json({
		key: d.key,
		title: d.scenario.title,
		versions: d.versions,
		version: d.version,
		graph: {
			start: d.graph.start,
			states: d.graph.nodes,
			edges: d.graph.edges,
			outcomes: d.graph.nodes
				.filter((n) => n.kind === 'outcome')
				.map((n) => ({
					state: n.id,
					outcome: n.outcome,
					text: n.text,
					shortestPath: shortest.get(n.id) ?? null
				}))
		},
		attempts: {
			total: d.counts.attempts,
			finished: d.counts.finished,
			edges: d.counts.edges,
			endings: d.counts.endings,
			turnLimit: d.counts.turnLimit
		}
	});
};
