import { authorize } from '$lib/server/guard';
import * as scenarios from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'scenarios');
	return {
		scenarios: scenarios.listLatest().map((s) => ({
			key: s.key,
			version: s.version,
			versionCount: s.versionCount,
			title: { en: s.titleEn, zh: s.titleZh },
			category: s.document.category,
			difficulty: s.difficulty,
			cases: s.document.cases,
			maxTurns: s.document.maxTurns,
			states: Object.keys(s.document.states).length,
			outcomes: [
				...new Set(Object.values(s.document.states).flatMap((st) => (st.final ? [st.outcome] : [])))
			],
			publishedAt: s.publishedAt.toISOString()
		}))
	};
};
