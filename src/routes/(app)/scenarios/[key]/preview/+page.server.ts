import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { authorize } from '$lib/server/guard';
import * as preview from '$lib/server/preview';
import type { Actions, PageServerLoad } from './$types';

const versionSchema = v.optional(
	v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1))
);

// A published version (?version=n, the newest by default), for the signed-in trainer or admin.
function versionOf(event: RequestEvent) {
	const user = authorize(event, 'scenarios');
	const key = event.params.key ?? '';
	const version = v.safeParse(versionSchema, event.url.searchParams.get('version') ?? undefined);
	if (!/^[a-z][a-z0-9_-]{0,99}$/.test(key) || !version.success) error(404, m.preview_not_found());
	try {
		return preview.ofVersion(user, key, version.output);
	} catch (e) {
		if (e instanceof preview.PreviewForbidden) error(403, m.error_forbidden());
		throw e;
	}
}

export const load: PageServerLoad = (event) => preview.previewPage(event, versionOf(event));

export const actions: Actions = {
	reply: (event) => preview.previewReplyAction(event, versionOf(event))
};
