import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { canOpen, type Role, type Section } from '../roles';
import { m } from '../paraglide/messages';
import type { SessionUser } from './auth';

function isApi(event: RequestEvent): boolean {
	return event.route.id?.startsWith('/api/') ?? event.url.pathname.startsWith('/api/');
}

/** Only a same-site path is followed after sign-in: anything else would be an open redirect. */
export function safeRedirectTarget(target: string | null | undefined): string | null {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return null;
	}
	return target;
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
