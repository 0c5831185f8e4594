import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { startSession } from '$lib/server/auth';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { changePasswordSchema } from '$lib/server/validation';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event);
};

export const actions: Actions = {
	password: async (event) => {
		const user = authorize(event);
		const parsed = parseForm(changePasswordSchema, await readForm(event));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { current, password } = parsed.data;
		if (!(await users.changePassword(user.id, current, password))) {
			const errors: FieldErrors = { current: m.account_password_wrong() };
			return fail(400, { errors });
		}
		// Every session was revoked, this one included: keep this device signed in.
		startSession(event, user.id);
		return { success: m.account_password_changed() };
	}
};
