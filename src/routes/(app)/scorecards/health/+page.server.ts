import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import * as teams from '$lib/server/teams';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const asked = event.url.searchParams.get('period') ?? '';
	const period = /^\d{4}-\d{2}$/.test(asked) ? asked : ledger.periodOf(new Date());
	// One team at a time (all the teams this person manages by default).
	const managed = new Set(teams.managedUserIds(user));
	const mine = teams.list().filter((t) => user.role === 'admin' || t.supervisorId === user.id);
	const teamId = Number(event.url.searchParams.get('team'));
	const team = mine.find((t) => t.id === teamId) ?? null;
	const ids = team
		? teams
				.members(team.id)
				.map((u) => u.id)
				.filter((id) => managed.has(id))
		: [...managed];
	return {
		period,
		team: team?.id ?? null,
		teams: mine.map((t) => ({ id: t.id, name: t.name })),
		health: ledger.health(ids, period)
	};
};
