import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { authorize } from '$lib/server/guard';
import { detail } from '$lib/server/scenario-view/detail';
import { layoutFor } from '$lib/server/scenario-view/layout';
import { parseQuery } from '$lib/server/scenario-view/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'scenarios');
	const query = parseQuery(event.url.searchParams);
	if (!query.ok) error(400, Object.values(query.errors)[0]);
	const { version, to } = query.data;
	const result = detail(user, event.params.key, version);
	if (!result.ok) {
		if (result.reason === 'forbidden') error(403, m.error_forbidden());
		if (result.reason === 'no_version') error(404, m.sview_version_missing({ version: version! }));
		error(404, m.sview_not_found());
	}
	const d = result.detail;
	const s = d.scenario;
	const locale = getLocale() === 'zh-CN' ? 'zh-CN' : 'en';
	return {
		key: d.key,
		version: d.version,
		title: s.title,
		category: s.category,
		difficulty: s.difficulty,
		briefing: s.briefing,
		persona: s.persona,
		authority: (s.authority ?? []).map((a) => a.label),
		maxTurns: s.maxTurns,
		versions: d.versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
		graph: d.graph,
		layout: await layoutFor(d.versionId, d.graph, locale),
		paths: d.paths,
		counts: d.counts,
		/** The ending whose shortest path to show first (`?to=`), when it is one of this version's. */
		to: d.paths.some((p) => p.state === to) ? to! : null
	};
};
