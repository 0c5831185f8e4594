import { authorize } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

// Sends anonymous visitors to sign in; each page and action still checks its own role.
export const load: LayoutServerLoad = (event) => {
	authorize(event);
};
