import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
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
	const lines = id === null ? null : ledger.forUser(user, id);
	if (!lines) return apiError(404, 'not_found', m.ledger_not_found());
	return json(
		lines.map((l) => ({
			id: l.id,
			kind: l.kind,
			code: l.clause.code,
			version: l.clause.version,
			title: l.clause.title,
			amount: l.points,
			status: l.status,
			counted: l.counted,
			period: l.period,
			attemptId: l.attemptId,
			turnIndex: l.turnIndex,
			quote: l.quote,
			reverses: l.reversesEntryId,
			replaces: l.adjustsEntryId,
			createdAt: l.createdAt.toISOString()
		}))
	);
};
