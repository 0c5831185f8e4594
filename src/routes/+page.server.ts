import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import { authorize } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event);
	redirect(303, homeFor(user.role));
};
