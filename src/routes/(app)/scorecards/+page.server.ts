import { authorize } from '$lib/server/guard';
import * as criteria from '$lib/server/criteria';
import * as ledger from '$lib/server/ledger';
import * as teams from '$lib/server/teams';
import type { PageServerLoad } from './$types';

const ledgerView = (userId: number) => {
	const lines = ledger.forUser(userId);
	return {
		balance: ledger.balance(lines),
		lines: lines.map((l) => ({
			id: l.id,
			code: l.code,
			version: l.version,
			points: l.points,
			status: l.status,
			expired: l.expired,
			attemptId: l.attemptId,
			quote: l.quote,
			reverses: l.reversesEntryId,
			createdAt: l.createdAt.toISOString()
		}))
	};
};

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scorecards');
	if (user.role === 'trainee') return { own: true, ledger: ledgerView(user.id), teams: [] };
	const led = teams.list().filter((t) => user.role === 'admin' || t.supervisorId === user.id);
	return {
		own: false,
		ledger: null,
		teams: led.map((t) => {
			const pending = new Map(criteria.pendingInTeam(t.id).map((p) => [p.id, p.pending]));
			return {
				...t,
				members: teams.members(t.id).map((member) => ({
					...member,
					balance: ledger.balance(ledger.forUser(member.id)),
					pending: pending.get(member.id) ?? []
				}))
			};
		})
	};
};
