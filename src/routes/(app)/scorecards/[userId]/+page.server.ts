import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import * as attempts from '$lib/server/attempts';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import { entrySchema, finalSchema, reverseSchema, ruleSchema } from '$lib/server/ledger-forms';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

/** A member's ledger is read by their supervisor and by admins; anyone else gets 404. */
export const load: PageServerLoad = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const id = /^\d{1,12}$/.test(event.params.userId) ? Number(event.params.userId) : null;
	const target = id === null || id === user.id ? null : users.get(id);
	const card = target ? ledger.scorecard(user, target.id) : null;
	if (!target || !card) error(404, m.ledger_not_found());
	return {
		member: { id: target.id, displayName: target.displayName },
		ledger: card,
		rubric: attempts.publishedRubricTitles()
	};
};

/**
 * Every action names its entry or dispute in the form; the ledger module checks that this actor
 * may act on that record's owner, whatever member the URL names.
 */
async function act<S extends v.GenericSchema>(
	event: RequestEvent,
	schema: S,
	run: (actor: ReturnType<typeof authorize>, input: v.InferOutput<S>) => void
) {
	const actor = authorize(event, ['supervisor', 'admin']);
	const parsed = await parseRequest(event, schema);
	if (!parsed.ok)
		return fail(400, { errors: parsed.errors, message: Object.values(parsed.errors)[0] });
	try {
		run(actor, parsed.data);
	} catch (e) {
		const message = ledger.refusalMessage(e, m as never);
		if (!message) throw e;
		return fail(ledger.refusalStatus((e as ledger.LedgerRefused).reason), { message });
	}
	return { done: m.ledger_done() };
}

export const actions: Actions = {
	confirm: (event) => act(event, entrySchema, (actor, f) => ledger.confirm(actor, f.entryId)),
	pay: (event) => act(event, entrySchema, (actor, f) => ledger.markPaid(actor, f.entryId)),
	reverse: (event) =>
		act(event, reverseSchema, (actor, f) => ledger.reverse(actor, f.entryId, f.reason)),
	rule: (event) =>
		act(event, ruleSchema, (actor, f) =>
			ledger.rule(
				actor,
				f.disputeId,
				f.decision,
				f.reason,
				f.decision === 'partial' ? f.points : undefined
			)
		),
	final: (event) =>
		act(event, finalSchema, (actor, f) =>
			ledger.finalRuling(actor, f.disputeId, f.decision, f.reason)
		)
};
