import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { authorize } from '$lib/server/guard';
import * as preview from '$lib/server/preview';
import type { Actions, PageServerLoad } from './$types';

// The draft as it is saved now, checked for the signed-in trainer or admin.
function draftOf(event: RequestEvent) {
	const user = authorize(event, 'scenarios');
	const id = v.safeParse(preview.idSchema, event.params.id);
	if (!id.success) error(404, m.preview_not_found());
	try {
		return preview.ofDraft(user, id.output);
	} catch (e) {
		if (e instanceof preview.PreviewForbidden) error(403, m.error_forbidden());
		throw e;
	}
}

export const load: PageServerLoad = (event) => preview.previewPage(event, draftOf(event));

export const actions: Actions = {
	reply: (event) => preview.previewReplyAction(event, draftOf(event))
};
