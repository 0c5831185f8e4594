import * as attempts from '$lib/server/attempts';
import * as criteria from '$lib/server/criteria';
import { authorize } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'criteria');
	const catalogue = criteria.loadCatalogue();
	const pending = new Set(criteria.unacknowledged(user.id).map((c) => c.id));
	const inForce = criteria.inForce();
	const signed = criteria.signaturesOf(inForce);
	return {
		guardrails: catalogue.ok ? catalogue.catalogue.guardrails : null,
		violations: attempts.publishedViolationTitles(),
		canDraft: user.role === 'supervisor' || user.role === 'admin',
		clauses: inForce.map((c) => ({
			id: c.id,
			code: c.code,
			version: c.version,
			kind: c.kind,
			doc: c.document,
			effectiveFrom: c.effectiveFrom.toISOString(),
			effectiveTo: c.effectiveTo?.toISOString() ?? null,
			publishedAt: c.publishedAt.toISOString(),
			signatures: signed(c),
			acknowledged: !pending.has(c.id)
		})),
		pending: pending.size
	};
};

export const actions: Actions = {
	acknowledge: (event) => {
		const user = authorize(event, 'criteria');
		return { acknowledged: criteria.acknowledge(user.id) };
	}
};
