import { json } from '@sveltejs/kit';
import * as calibration from '$lib/server/calibration';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

// Per criterion and language: how the scorer agrees with calibrated consensus, and whether it may
// act alone (automatic) or its penalties wait for a person (needs_review).
export const GET: RequestHandler = (event) => {
	authorize(event, ['trainer', 'supervisor', 'admin']);
	return json(
		calibration.criterionTable().map((r) => ({
			criterion: r.criterion,
			kind: r.kind,
			critical: r.critical,
			lang: r.lang,
			items: r.items,
			kappa: r.kappa,
			agreement: r.agreement,
			precision: r.precision,
			alpha: r.alpha,
			scorerErrors: r.scorerErrors,
			status: r.status
		}))
	);
};
