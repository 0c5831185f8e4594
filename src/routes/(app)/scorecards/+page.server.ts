import { authorize } from '$lib/server/guard';
import * as criteria from '$lib/server/criteria';
import * as ledger from '$lib/server/ledger';
import { refusalMessage, scorecard } from '$lib/server/ledger-view';
import * as attempts from '$lib/server/attempts';
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as teams from '$lib/server/teams';
import type { Actions, PageServerLoad } from './$types';

/** Dimension titles of the published default rubric, for the averages. */
function rubricTitles() {
	return attempts.publishedRubricTitles();
}

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scorecards');
	if (user.role === 'trainee') {
		return { own: true, ledger: scorecard(user.id), rubric: rubricTitles(), teams: [] };
	}
	const led = teams.list().filter((t) => user.role === 'admin' || t.supervisorId === user.id);
	return {
		own: false,
		ledger: null,
		rubric: rubricTitles(),
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

export const actions: Actions = {
	dispute: async (event) => {
		const user = authorize(event, 'scorecards');
		const form = await event.request.formData();
		const entryId = Number(form.get('entryId'));
		const reason = String(form.get('reason') ?? '').trim();
		if (!Number.isSafeInteger(entryId) || !reason || reason.length > 2000) {
			return fail(400, { message: m.dispute_reason() });
		}
		try {
			ledger.dispute(user.id, entryId, reason);
		} catch (e) {
			const message = refusalMessage(e, m as never);
			if (!message) throw e;
			return fail(400, { message });
		}
		return { done: m.dispute_opened() };
	}
};
