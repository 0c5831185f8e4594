import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { authorize } from '$lib/server/guard';
import * as reviews from '$lib/server/reviews';
import type { RequestHandler } from './$types';

const statuses = ['pending', 'confirmed', 'rejected', 'all'] as const;

// The review queue within the caller's scope: held entries of the people they manage.
export const GET: RequestHandler = (event) => {
	const user = authorize(event, ['trainer', 'supervisor', 'admin']);
	const status = event.url.searchParams.get('status') ?? 'pending';
	if (!(statuses as readonly string[]).includes(status))
		return apiError(400, 'bad_request', m.reviews_bad_status());
	return json(reviews.queueFor(user, status as (typeof statuses)[number]));
};
