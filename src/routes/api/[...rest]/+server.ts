import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

// Unknown API paths answer in JSON, like the rest of the API, not with the HTML error page.
export const fallback: RequestHandler = ({ url }) =>
	json(
		{ error: 'not_found', message: m.error_api_not_found({ path: url.pathname }) },
		{ status: 404 }
	);
