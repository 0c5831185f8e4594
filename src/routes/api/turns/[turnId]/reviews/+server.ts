import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { reviewFailure } from '$lib/server/review-errors';
import { reviewBodySchema } from '$lib/server/review-forms';
import * as reviews from '$lib/server/reviews';
import type { RequestHandler } from './$types';

// Records a person's review of one trainee reply; the domain checks that the caller may review it.
export const POST: RequestHandler = async (event) => {
	const user = authorize(event, ['trainer', 'supervisor', 'admin']);
	const turnId = /^\d{1,12}$/.test(event.params.turnId) ? Number(event.params.turnId) : null;
	if (turnId === null) return apiError(404, 'not_found', m.review_refused_not_found());
	const body = await readJson(event);
	if (!body.ok) return body.response;
	const parsed = parseInput(reviewBodySchema, body.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		const review = reviews.recordReview(user, turnId, parsed.data);
		return json(
			{
				id: review.id,
				turnId: review.turnId,
				labels: review.labels,
				comment: review.comment,
				createdAt: review.createdAt.toISOString()
			},
			{ status: 201 }
		);
	} catch (e) {
		const failure = reviewFailure(e);
		if (!failure) throw e;
		return json(
			{ error: failure.error, message: failure.message, ...(failure.detail ?? {}) },
			{ status: failure.status }
		);
	}
};
