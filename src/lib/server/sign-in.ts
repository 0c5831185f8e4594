import type { RequestEvent } from '@sveltejs/kit';
import { cookieName } from '../paraglide/runtime';
import type { AppLocale } from '../roles';
import { startSession } from './auth';
import * as users from './users';

export function setLocaleCookie(event: RequestEvent, locale: AppLocale): void {
	// Read by the browser too (Paraglide's client runtime), so not httpOnly.
	event.cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 34560000
	});
}

/** Checks the credentials under the throttle and, when they hold, opens a session on `event`. */
export async function signIn(
	event: RequestEvent,
	username: string,
	password: string
): Promise<users.AuthResult> {
	const result = await users.authenticate(username, password, event.getClientAddress());
	if (result.ok) {
		startSession(event, result.user.id);
		setLocaleCookie(event, result.user.locale);
	}
	return result;
}
