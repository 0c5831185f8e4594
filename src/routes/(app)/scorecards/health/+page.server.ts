import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import * as teams from '$lib/server/teams';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const asked = event.url.searchParams.get('period') ?? '';
	const period = /^\d{4}-\d{2}$/.test(asked) ? asked : ledger.periodOf(new Date());
	return { period, health: ledger.health(teams.managedUserIds(user), period) };
};
