import { authorize } from '$lib/server/guard';
import * as criteria from '$lib/server/criteria';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'criteria');
	const catalogue = criteria.loadCatalogue();
	const pending = new Set(criteria.unacknowledged(user.id).map((c) => c.id));
	return {
		guardrails: catalogue.ok ? catalogue.catalogue.guardrails : null,
		clauses: criteria.inForce().map((c) => ({
			id: c.id,
			code: c.code,
			version: c.version,
			kind: c.kind,
			doc: c.document,
			effectiveFrom: c.effectiveFrom.toISOString(),
			effectiveTo: c.effectiveTo?.toISOString() ?? null,
			publishedAt: c.publishedAt.toISOString(),
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
