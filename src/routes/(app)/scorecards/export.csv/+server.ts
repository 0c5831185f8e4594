import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import * as teams from '$lib/server/teams';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const asked = event.url.searchParams.get('period') ?? '';
	const period = /^\d{4}-\d{2}$/.test(asked) ? asked : ledger.periodOf(new Date());
	return new Response(ledger.csv(teams.managedUserIds(user), period), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ledger-${period}.csv"`
		}
	});
};
