import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { rubricCriteria } from '$lib/server/calibration/status';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { reviewFailure } from '$lib/server/review-errors';
import { decisionFormSchema } from '$lib/server/review-forms';
import * as reviews from '$lib/server/reviews';
import type { Actions, PageServerLoad } from './$types';

// The review queue: penalties held for a person's decision, of the people the reviewer manages.
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'reviews');
	const decided = reviews.queueFor(user, 'all').filter((q) => q.status !== 'pending');
	return {
		pending: reviews.queueFor(user, 'pending'),
		decided: decided.slice(0, 20),
		violations: Object.fromEntries(rubricCriteria().violations.map((v) => [v.id, v.title]))
	};
};

export const actions: Actions = {
	// The domain checks that this reviewer manages the employee of the entry the form names.
	decide: async (event) => {
		const user = authorize(event, 'reviews');
		const parsed = await parseRequest(event, decisionFormSchema);
		if (!parsed.ok)
			return fail(400, { message: Object.values(parsed.errors)[0], itemId: null as number | null });
		const { itemId, decision, reason } = parsed.data;
		try {
			reviews.decide(user, itemId, decision, reason);
		} catch (e) {
			const failure = reviewFailure(e);
			if (!failure) throw e;
			return fail(failure.status, { message: failure.message, itemId });
		}
		return { done: decision === 'confirm' ? m.reviews_confirmed() : m.reviews_rejected() };
	}
};
