import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseForm, readForm } from '$lib/server/forms';
import { safeRedirectTarget } from '$lib/server/guard';
import { setLocaleCookie } from '$lib/server/sign-in';
import { localeSchema } from '$lib/server/validation';
import * as users from '$lib/server/users';
import type { RequestHandler } from './$types';

// The language switch posts here from every page, the sign-in page included, so anyone may use
// it; a signed-in user's choice is also saved with the account. A full reload follows.
export const POST: RequestHandler = async (event) => {
	const form = await readForm(event);
	const parsed = parseForm(localeSchema, form);
	if (!parsed.ok) error(400, m.error_choose_option());
	if (event.locals.user) users.setLocale(event.locals.user.id, parsed.data.locale);
	setLocaleCookie(event, parsed.data.locale);
	redirect(303, safeRedirectTarget(String(form.get('redirectTo') ?? ''), event.url.origin) ?? '/');
};
