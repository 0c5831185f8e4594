import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/guard';
import * as scenarios from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	authorize(event);
	return json(
		scenarios.listLatest().map((s) => ({
			key: s.key,
			version: s.version,
			title: { zh: s.titleZh, en: s.titleEn },
			category: s.category,
			difficulty: s.difficulty
		}))
	);
};
