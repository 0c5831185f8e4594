import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as audit from '$lib/server/audit';
import { authorize } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'admin');
	const asked = event.url.searchParams.get('before') ?? '';
	const before = /^\d{1,12}$/.test(asked) ? Number(asked) : undefined;
	const rows = audit.recent(user, PAGE, before);
	if (!rows) error(403, m.error_forbidden());
	return {
		broken: audit.verify(),
		rows,
		next: rows.length === PAGE ? rows[rows.length - 1].id : null
	};
};
