import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import * as teams from '$lib/server/teams';
import * as users from '$lib/server/users';
import type { RequestHandler } from './$types';

// `me`, or a user id: an employee sees only their own ledger, a supervisor their team's, an admin all.
export const GET: RequestHandler = (event) => {
	const user = authorize(event);
	const id =
		event.params.id === 'me'
			? user.id
			: /^\d{1,12}$/.test(event.params.id)
				? Number(event.params.id)
				: null;
	const owner = id === null ? null : users.get(id);
	const team = owner?.teamId ? teams.get(owner.teamId) : null;
	const allowed =
		owner &&
		(owner.id === user.id ||
			user.role === 'admin' ||
			(user.role === 'supervisor' && team?.supervisorId === user.id));
	if (!owner || !allowed) return apiError(404, 'not_found', m.ledger_not_found());
	return json(
		ledger.forUser(owner.id).map((l) => ({
			id: l.id,
			kind: l.kind,
			code: l.code,
			version: l.version,
			amount: l.points,
			status: l.status,
			attemptId: l.attemptId,
			turnIndex: l.turnIndex,
			quote: l.quote,
			createdAt: l.createdAt.toISOString()
		}))
	);
};
