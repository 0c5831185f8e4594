import { fail, redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/server/forms';
import { safeRedirectTarget } from '$lib/server/guard';
import { setLocaleCookie } from '$lib/server/sign-in';
import { localeSchema } from '$lib/server/validation';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// Open to everyone: the sign-in page needs it too. A signed-in user's choice is saved.
export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(localeSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		if (event.locals.user) users.setLocale(event.locals.user.id, parsed.data.locale);
		setLocaleCookie(event, parsed.data.locale);
		redirect(303, safeRedirectTarget(String(form.get('redirectTo') ?? '')) ?? '/');
	}
};
