import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import { m } from '$lib/paraglide/messages';
import { parseForm, readForm } from '$lib/server/forms';
import { safeRedirectTarget } from '$lib/server/guard';
import { signIn } from '$lib/server/sign-in';
import { FIELD_MAX, loginSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) {
		redirect(
			303,
			safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin) ??
				homeFor(locals.user.role)
		);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const username = String(form.get('username') ?? '').slice(0, FIELD_MAX);
		const parsed = parseForm(loginSchema, form);
		if (!parsed.ok) return fail(400, { username, errors: parsed.errors });

		const result = await signIn(event, parsed.data.username, parsed.data.password);
		if (!result.ok) {
			if (result.reason === 'throttled') {
				const minutes = Math.ceil(result.retryAfterSeconds / 60);
				return fail(429, { username, message: m.login_throttled({ minutes }) });
			}
			return fail(401, { username, message: m.login_failed() });
		}
		const target = safeRedirectTarget(event.url.searchParams.get('redirectTo'), event.url.origin);
		redirect(303, target ?? homeFor(result.user.role));
	}
};
