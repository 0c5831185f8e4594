import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as studio from '$lib/server/studio';
import { formatMoment, localProblem, studioFailure } from '$lib/server/studio/errors';
import { draftId, revisionField } from '$lib/server/studio/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scenarios');
	const id = draftId(event.params.id);
	try {
		const draft = studio.get(user, id);
		const review = studio.review(user, id);
		return {
			draft: { id, revision: draft.revision, key: review.key },
			problems: review.problems.map(localProblem),
			current: review.current && {
				version: review.current.version,
				publishedAt: formatMoment(review.current.publishedAt)
			},
			diff: review.diff,
			unchanged: review.unchanged
		};
	} catch (e) {
		const failure = studioFailure(e);
		if (!failure) throw e;
		error(failure.status === 409 ? 404 : failure.status, failure.message);
	}
};

export const actions: Actions = {
	publish: async (event) => {
		const user = authorize(event, 'scenarios');
		const id = draftId(event.params.id);
		const parsed = await parseRequest(event, v.object({ revision: revisionField }));
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		try {
			return { published: studio.publishDraft(user, id, parsed.data.revision) };
		} catch (e) {
			const failure = studioFailure(e);
			if (!failure) throw e;
			if (failure.status === 403 || failure.status === 404) error(failure.status, failure.message);
			return fail(failure.status, { message: failure.message });
		}
	}
};
