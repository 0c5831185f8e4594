import type { Handle } from '@sveltejs/kit';
import { m } from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';
import { apiError } from './api';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// What an HTML form (or SvelteKit's binary form) can send without a CORS preflight.
const formContentTypes = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);
const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseOrigin(origin: string): URL | null {
	try {
		return new URL(origin);
	} catch {
		return null; // `null` and other opaque origins
	}
}

/**
 * Whether a request from `requestOrigin` comes from the app itself. The loopback names stand for
 * one another when the server's own origin is a loopback one with the same protocol and port: the
 * demo runs at http://localhost:3000 and people open http://127.0.0.1:3000 too.
 */
export function isOwnOrigin(requestOrigin: string, serverOrigin: string): boolean {
	if (requestOrigin === serverOrigin) return true;
	const from = parseOrigin(requestOrigin);
	const own = parseOrigin(serverOrigin);
	if (!from || !own || from.origin !== requestOrigin) return false;
	return (
		loopbackNames.has(own.hostname) &&
		loopbackNames.has(from.hostname) &&
		from.protocol === own.protocol &&
		from.port === own.port
	);
}

/**
 * Cross-site request forgery defence, in place of SvelteKit's own check (which knows only one
 * origin): an unsafe request is refused when it is a form post not from our origin (a missing
 * Origin included), or when it names another origin, whatever its content type.
 */
export function isCrossOrigin(request: Request, serverOrigin: string): boolean {
	if (!unsafeMethods.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin !== null) return !isOwnOrigin(origin, serverOrigin);
	const contentType = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	return contentType !== undefined && formContentTypes.has(contentType);
}

const escapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

function refusalPage(from: string, expected: string): Response {
	// Translated text is escaped whole, then the two addresses are put in as <code>.
	type Addresses = { from: string; expected: string };
	const paragraph = (render: (addresses: Addresses) => string) =>
		escapeHtml(render({ from: '\u0000', expected: '\u0001' }))
			.replace('\u0000', `<code>${escapeHtml(from)}</code>`)
			.replace('\u0001', `<code>${escapeHtml(expected)}</code>`);
	const title = escapeHtml(m.origin_refused_title());
	const html = `<!doctype html>
<html lang="${getLocale()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}code{overflow-wrap:anywhere}</style>
</head>
<body>
<main>
<h1>403 · ${title}</h1>
<p>${paragraph(m.origin_refused_body)}</p>
<p>${paragraph(m.origin_refused_fix)}</p>
<p><a href="${escapeHtml(expected)}/">${escapeHtml(m.origin_refused_open({ expected }))}</a></p>
</main>
</body>
</html>`;
	return new Response(html, {
		status: 403,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
		}
	});
}

/** Refuses cross-origin unsafe requests: a JSON error for the API, a page that explains for forms. */
export const handleOriginCheck: Handle = ({ event, resolve }) => {
	if (!isCrossOrigin(event.request, event.url.origin)) return resolve(event);
	const offered = event.request.headers.get('origin');
	// Browsers send `null` when they will not say, e.g. for a form on an https page posting to http.
	const from = offered && offered !== 'null' ? offered : m.origin_unknown();
	const expected = event.url.origin;
	event.locals.log.warn(
		{ from, expected, path: event.url.pathname },
		'cross-origin request refused'
	);
	if (event.url.pathname.startsWith('/api/')) {
		return apiError(403, 'cross_origin', m.error_cross_origin({ from, expected }));
	}
	return refusalPage(from, expected);
};
