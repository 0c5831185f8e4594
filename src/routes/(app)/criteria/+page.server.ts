import { MIN_ITEMS, MIN_KAPPA, MIN_PRECISION } from '$lib/engine/calibration/gating';
import * as attempts from '$lib/server/attempts';
import * as calibration from '$lib/server/calibration';
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
		pending: pending.size,
		// Which serious problems may penalise on their own, per language: everyone may know.
		gating: calibration
			.criterionTable()
			.filter((r) => r.kind === 'violation' && r.critical)
			.map((r) => ({
				id: r.criterion,
				title: r.title,
				lang: r.lang,
				status: r.status,
				items: r.items
			})),
		gate: { items: MIN_ITEMS, kappa: MIN_KAPPA, precision: Math.round(MIN_PRECISION * 100) }
	};
};

export const actions: Actions = {
	acknowledge: (event) => {
		const user = authorize(event, 'criteria');
		return { acknowledged: criteria.acknowledge(user.id) };
	}
};
