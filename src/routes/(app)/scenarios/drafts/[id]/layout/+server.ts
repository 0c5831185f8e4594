import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { studioFailure } from '$lib/server/studio/errors';
import { draftId } from '$lib/server/studio/forms';
import {
	LAYOUT_BODY_LIMIT,
	MAX_EDGES,
	MAX_NODES,
	layoutDraft,
	layoutRequest
} from '$lib/server/studio/layout';
import type { RequestHandler } from './$types';

// The graph of the source being edited and its layout, so the editor never loads a layout engine.
export const POST: RequestHandler = async (event) => {
	const user = authorize(event, 'scenarios');
	const id = draftId(event.params.id);
	const read = await readJson(event, LAYOUT_BODY_LIMIT);
	if (!read.ok) return read.response;
	const parsed = parseInput(layoutRequest, read.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	const locale = getLocale() === 'zh-CN' ? 'zh-CN' : 'en';
	try {
		const result = await layoutDraft(user, id, parsed.data.source, locale);
		if (result.ok) return json({ graph: result.graph, layout: result.layout });
		const message =
			result.reason === 'too_large'
				? m.sglayout_too_large({ nodes: MAX_NODES, edges: MAX_EDGES })
				: m.sglayout_unreadable();
		return apiError(400, result.reason, message);
	} catch (e) {
		const failure = studioFailure(e);
		if (!failure) throw e;
		return apiError(failure.status, failure.error, failure.message);
	}
};
