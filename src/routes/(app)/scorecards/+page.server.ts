import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { teamsLedBy } from '$lib/server/access';
import * as attempts from '$lib/server/attempts';
import * as criteria from '$lib/server/criteria';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import { disputeSchema } from '$lib/server/ledger-forms';
import * as teams from '$lib/server/teams';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scorecards');
	const rubric = attempts.publishedRubricTitles();
	if (user.role === 'trainee') {
		return { own: true, ledger: ledger.scorecard(user, user.id), rubric, teams: [] };
	}
	const led = new Set(teamsLedBy(user));
	const balances = ledger.balances(user);
	return {
		own: false,
		ledger: null,
		rubric,
		teams: teams
			.list()
			.filter((t) => led.has(t.id))
			.map((t) => {
				const pending = new Map(
					(criteria.pendingInTeam(user, t.id) ?? []).map((p) => [
						p.id,
						p.pending.map((c) => ({ code: c.code, title: c.document.title }))
					])
				);
				return {
					...t,
					members: teams.members(t.id).map((member) => ({
						...member,
						balance: balances.get(member.id) ?? 0,
						pending: pending.get(member.id) ?? []
					}))
				};
			})
	};
};

export const actions: Actions = {
	dispute: async (event) => {
		const user = authorize(event, 'scorecards');
		const parsed = await parseRequest(event, disputeSchema);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, message: Object.values(parsed.errors)[0] });
		try {
			ledger.dispute(user, parsed.data.entryId, parsed.data.reason);
		} catch (e) {
			const message = ledger.refusalMessage(e, m as never);
			if (!message) throw e;
			return fail(ledger.refusalStatus((e as ledger.LedgerRefused).reason), { message });
		}
		return { done: m.dispute_opened() };
	}
};
