import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { changedFields } from '$lib/engine/rulebook/diff';
import { canGovernRules } from '$lib/server/access';
import * as attempts from '$lib/server/attempts';
import * as criteria from '$lib/server/criteria';
import { draftStep } from '$lib/server/criteria-actions';
import { authorize } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'criteria');
	const versions = criteria.history(event.params.code);
	if (versions.length === 0) error(404, m.error_body_404());
	const signed = criteria.signaturesOf(versions);
	return {
		code: event.params.code,
		canDraft: canGovernRules(user),
		violations: attempts.publishedViolationTitles(),
		versions: versions.map((c, i) => ({
			version: c.version,
			doc: c.document,
			publishedAt: c.publishedAt.toISOString(),
			effectiveFrom: c.effectiveFrom.toISOString(),
			effectiveTo: c.effectiveTo?.toISOString() ?? null,
			signatures: signed(c),
			before: i === 0 ? null : versions[i - 1].document,
			changes: i === 0 ? [] : changedFields(versions[i - 1].document, c.document)
		}))
	};
};

export const actions: Actions = {
	draft: (event) => {
		const user = authorize(event, ['supervisor', 'admin']);
		const step = draftStep(() => criteria.drafts.create(user, { code: event.params.code }));
		if (!step.ok) return step.failure;
		redirect(303, `/criteria/drafts/${step.value.id}`);
	}
};
