import { teamsLedBy } from '$lib/server/access';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import { periodAndTeam } from '$lib/server/ledger-period';
import * as teams from '$lib/server/teams';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const led = teamsLedBy(user);
	const { team, period, months } = periodAndTeam(user, event.url, led);
	return {
		period,
		months,
		team,
		teams: teams
			.list()
			.filter((t) => led.includes(t.id))
			.map((t) => ({ id: t.id, name: t.name })),
		health: ledger.health(user, team, period)
	};
};
