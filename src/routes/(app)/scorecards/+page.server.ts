import { authorize } from '$lib/server/guard';
import * as teams from '$lib/server/teams';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scorecards');
	if (user.role === 'trainee') return { own: true, teams: [] };
	const led = teams.list().filter((t) => user.role === 'admin' || t.supervisorId === user.id);
	return { own: false, teams: led.map((t) => ({ ...t, members: teams.members(t.id) })) };
};
