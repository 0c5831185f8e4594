import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as attempts from '$lib/server/attempts';
import * as criteria from '$lib/server/criteria';
import { draftStep } from '$lib/server/criteria-actions';
import { clauseFromForm, draftFormSchema, formObject } from '$lib/server/criteria-forms';
import { parseInput, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as teams from '$lib/server/teams';
import type { Actions, PageServerLoad } from './$types';

const draftId = (raw: string) => (/^\d{1,12}$/.test(raw) ? Number(raw) : null);

function draftFor(event: RequestEvent) {
	const user = authorize(event, ['supervisor', 'admin']);
	const id = draftId(event.params.id ?? '');
	const draft = id === null ? null : criteria.drafts.get(user, id);
	if (!draft) error(404, m.error_body_404());
	return { user, draft };
}

export const load: PageServerLoad = (event) => {
	const { draft } = draftFor(event);
	const violations = attempts.publishedViolationTitles();
	const critical = attempts
		.publishedViolations()
		.filter((v) => v.severity === 'critical')
		.map((v) => v.id);
	return {
		critical,
		draft: {
			id: draft.id,
			code: draft.code,
			status: draft.status,
			revision: draft.revision,
			doc: draft.document,
			base: draft.base,
			baseVersion: draft.baseVersion,
			changes: draft.changes,
			authorName: draft.authorName,
			approverName: draft.approverName,
			can: draft.can,
			publishBlocked: draft.publishBlocked
		},
		violations,
		teams: teams.list().map((t) => t.name)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, draft } = draftFor(event);
		const form = await readForm(event);
		const schema = draftFormSchema(
			draft.document.kind,
			attempts
				.publishedViolations()
				.filter((v) => v.severity === 'critical')
				.map((v) => v.id),
			teams.list().map((t) => t.name)
		);
		const parsed = parseInput(schema, formObject(form, ['violations', 'teams']));
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, message: m.ledger_refused_invalid() });
		const clause = clauseFromForm(draft.document, parsed.data);
		const step = draftStep(() =>
			criteria.drafts.save(user, draft.id, parsed.data.revision, clause)
		);
		if (!step.ok) return step.failure;
		return { done: m.drafts_saved() };
	},
	approve: (event) => {
		const { user, draft } = draftFor(event);
		const step = draftStep(() => criteria.drafts.approve(user, draft.id));
		return step.ok ? { done: m.drafts_approved() } : step.failure;
	},
	publish: (event) => {
		const { user, draft } = draftFor(event);
		const step = draftStep(() => criteria.drafts.publish(user, draft.id));
		if (!step.ok) return step.failure;
		return { done: m.drafts_published({ code: step.value.code, version: step.value.version }) };
	},
	discard: (event) => {
		const { user, draft } = draftFor(event);
		const step = draftStep(() => criteria.drafts.discard(user, draft.id));
		if (!step.ok) return step.failure;
		redirect(303, '/criteria/drafts');
	}
};
