import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as attempts from '$lib/server/attempts';
import { canAuthorContent } from '$lib/server/access';
import { authorize } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

// How replies and attempts are scored, for everyone who is scored or scores: the newest rubric.
export const load: PageServerLoad = (event) => {
	const user = authorize(event);
	const rubric = attempts.publishedRubric();
	if (!rubric) error(404, m.error_body_404());
	const doc = rubric.document;
	return {
		canAuthor: canAuthorContent(user),
		title: doc.title,
		description: doc.description,
		version: rubric.version,
		dimensions: doc.dimensions.map((d) => ({
			id: d.id,
			title: d.title,
			description: d.description,
			weight: d.weight
		})),
		violations: doc.violations.map((v) => ({
			id: v.id,
			title: v.title,
			definition: v.definition,
			severity: v.severity,
			cap: v.cap ?? null,
			penalty: v.penalty ?? 0
		})),
		expects: doc.expects ?? null,
		learned: rubric.hasModel
			? {
					uncertain: Math.round((doc.learned?.uncertain ?? 0.4) * 100),
					certain: Math.round((doc.learned?.certain ?? 0.7) * 100)
				}
			: null,
		keywordCap: doc.scoring?.keywordCap ?? 30,
		outcomeCaps: doc.scoring?.outcomeCaps ?? {}
	};
};
