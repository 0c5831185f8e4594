import type { Handle } from '@sveltejs/kit';

// The Content-Security-Policy itself is `kit.csp` in svelte.config.js: SvelteKit adds the nonces
// and hashes of its own inline scripts to it. These are the headers it does not set.
const always: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	// The practice page offers dictation, so the microphone stays available to our own pages.
	'permissions-policy': 'microphone=(self), camera=(), geolocation=(), payment=(), usb=()'
};

const hsts = 'max-age=31536000';

/** Security headers on every response that passes through SvelteKit (pages, API, errors). */
export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(always)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Only over https: a browser ignores it on http, and it would pin a plain-http demo host.
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', hsts);
	return response;
};
