import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { benchEndpointsEnabled, ping } from '$lib/server/bench';
import type { RequestHandler } from './$types';

// Exists only while the HTTP benchmark runs (BENCH_ENDPOINTS=1); anywhere else it is not found.
export const POST: RequestHandler = () => {
	if (!benchEndpointsEnabled()) error(404, m.error_api_not_found({ path: '/api/bench/ping' }));
	return json({ id: ping() });
};
