import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as studio from '$lib/server/studio';
import { formatMoment, studioFailure } from '$lib/server/studio/errors';
import { rubricInfos } from '$lib/server/studio/layout';
import { draftId, revisionField, sourceField } from '$lib/server/studio/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scenarios');
	const id = draftId(event.params.id);
	try {
		const draft = studio.get(user, id);
		// What the browser needs to check and draw the draft as it is typed: each rubric's ids and names.
		const rubrics = rubricInfos();
		return {
			draft: {
				id: draft.id,
				key: draft.key,
				source: draft.source,
				revision: draft.revision,
				authorName: draft.authorName,
				updatedByName: draft.updatedByName,
				updatedAt: formatMoment(draft.updatedAt),
				mine: draft.authorId === user.id
			},
			rubrics
		};
	} catch (e) {
		const failure = studioFailure(e);
		if (!failure) throw e;
		error(failure.status === 409 ? 404 : failure.status, failure.message);
	}
};

const saveSchema = v.object({ source: sourceField, revision: revisionField });

export const actions: Actions = {
	save: async (event) => {
		const user = authorize(event, 'scenarios');
		const id = draftId(event.params.id);
		const parsed = await parseRequest(event, saveSchema);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0], stale: false });
		try {
			const saved = studio.save(user, id, parsed.data);
			return { saved: true, revision: saved.revision, at: formatMoment(saved.updatedAt) };
		} catch (e) {
			const failure = studioFailure(e);
			if (!failure) throw e;
			if (failure.status === 403 || failure.status === 404) error(failure.status, failure.message);
			return fail(failure.status, { message: failure.message, stale: failure.error === 'stale' });
		}
	},
	discard: (event) => {
		const user = authorize(event, 'scenarios');
		try {
			studio.discard(user, draftId(event.params.id));
		} catch (e) {
			const failure = studioFailure(e);
			if (!failure) throw e;
			error(failure.status, failure.message);
		}
		redirect(303, '/scenarios/drafts');
	}
};
