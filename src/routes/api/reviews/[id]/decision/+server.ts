import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { reviewFailure } from '$lib/server/review-errors';
import { decisionSchema } from '$lib/server/review-forms';
import * as reviews from '$lib/server/reviews';
import type { RequestHandler } from './$types';

// Settles a held entry: confirm (it is proposed, citing the reviewer) or reject (no points).
export const POST: RequestHandler = async (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const id = /^\d{1,12}$/.test(event.params.id) ? Number(event.params.id) : null;
	if (id === null) return apiError(404, 'not_found', m.review_refused_not_found());
	const body = await readJson(event);
	if (!body.ok) return body.response;
	const parsed = parseInput(decisionSchema, body.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		const { item, entry } = reviews.decide(user, id, parsed.data.decision, parsed.data.reason);
		return json({
			id: item.id,
			status: item.status,
			decision: item.decision,
			entry: { id: entry.id, status: entry.status, reviewedBy: entry.reviewedBy }
		});
	} catch (e) {
		const failure = reviewFailure(e);
		if (!failure) throw e;
		return json({ error: failure.error, message: failure.message }, { status: failure.status });
	}
};
