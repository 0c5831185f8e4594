import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import { refusalMessage, scorecard } from '$lib/server/ledger-view';
import * as attempts from '$lib/server/attempts';
import * as teams from '$lib/server/teams';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A member's ledger is managed by their supervisor, and by admins; anyone else gets 404. */
function member(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = authorize(event, ['supervisor', 'admin']);
	const id = /^\d{1,12}$/.test(event.params.userId) ? Number(event.params.userId) : null;
	const target = id === null ? null : users.get(id);
	if (!target || !teams.managedUserIds(user).includes(target.id)) error(404, m.ledger_not_found());
	return { user, target };
}

export const load: PageServerLoad = (event) => {
	const { user, target } = member(event);
	return {
		member: { id: target.id, displayName: target.displayName },
		ledger: scorecard(target.id),
		rubric: attempts.publishedRubricTitles(),
		isAdmin: user.role === 'admin'
	};
};

async function act(event: RequestEvent, run: (actorId: number, form: FormData) => void) {
	const { user } = member(event);
	const form = await event.request.formData();
	try {
		run(user.id, form);
	} catch (e) {
		const message = refusalMessage(e, m as never);
		if (!message) throw e;
		return fail(400, { message });
	}
	return { done: m.ledger_done() };
}

const num = (form: FormData, name: string) => Number(form.get(name));
const reasonOf = (form: FormData) => {
	const reason = String(form.get('reason') ?? '').trim();
	if (!reason) throw new ledger.LedgerRefused('wrong_status');
	return reason.slice(0, 2000);
};

export const actions: Actions = {
	confirm: (event) => act(event, (actor, form) => ledger.confirm(actor, num(form, 'entryId'))),
	pay: (event) => act(event, (actor, form) => ledger.markPaid(actor, num(form, 'entryId'))),
	rule: (event) =>
		act(event, (actor, form) => {
			const decision = String(form.get('decision'));
			if (decision !== 'accepted' && decision !== 'partial' && decision !== 'rejected')
				throw new ledger.LedgerRefused('wrong_status');
			ledger.rule(
				actor,
				num(form, 'disputeId'),
				decision,
				reasonOf(form),
				decision === 'partial' ? num(form, 'points') : undefined
			);
		}),
	final: (event) => {
		const { user } = member(event);
		if (user.role !== 'admin') error(403, m.error_forbidden());
		return act(event, (actor, form) => {
			const decision = String(form.get('decision'));
			if (decision !== 'upheld' && decision !== 'overturned')
				throw new ledger.LedgerRefused('wrong_status');
			ledger.finalRuling(actor, num(form, 'disputeId'), decision, reasonOf(form));
		});
	}
};
