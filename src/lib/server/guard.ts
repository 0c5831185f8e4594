import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { canOpen, type Role, type Section } from '../roles';
import { m } from '../paraglide/messages';
import type { SessionUser } from './auth';

function isApi(event: RequestEvent): boolean {
	return event.route.id?.startsWith('/api/') ?? event.url.pathname.startsWith('/api/');
}

/**
 * Where to send the user after sign-in or a language switch: the target resolved against our own
 * origin, as path, query and hash, or null for anything that leaves the site or cannot be parsed.
 * The URL parser drops tabs and newlines and reads `\\` as `/`, exactly as browsers do, so what
 * passes here is what the browser will follow.
 */
export function safeRedirectTarget(
	target: string | null | undefined,
	origin: string
): string | null {
	if (!target) return null;
	let resolved: URL;
	try {
		resolved = new URL(target, origin);
	} catch {
		return null; // not a URL at all
	}
	// A path such as `//host` (from `/.//host`) would be read as another host in a Location header.
	if (resolved.origin !== origin || resolved.pathname.startsWith('//')) return null;
	return resolved.pathname + resolved.search + resolved.hash;
}

/**
 * The one role check of the app. Anonymous callers are sent to sign in (pages) or get 401 (API);
 * a signed-in user outside `allowed` gets 403. Pass a section name to use the app's access table.
 */
export function authorize(event: RequestEvent, allowed?: Section | readonly Role[]): SessionUser {
	const user = event.locals.user;
	if (!user) {
		if (isApi(event)) error(401, m.error_sign_in_required());
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	const permitted =
		allowed === undefined ||
		(typeof allowed === 'string' ? canOpen(user.role, allowed) : allowed.includes(user.role));
	if (!permitted) error(403, m.error_forbidden());
	return user;
}
