import { json } from '@sveltejs/kit';
import * as criteria from '$lib/server/criteria';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	authorize(event, 'criteria');
	return json(
		criteria.inForce().map((c) => ({
			code: c.code,
			version: c.version,
			kind: c.kind,
			title: c.document.title,
			definition: c.document.definition,
			amount: {
				points: c.document.points,
				...(c.document.currency ? { currency: c.document.currency } : {})
			},
			effectiveFrom: c.effectiveFrom.toISOString(),
			effectiveTo: c.effectiveTo?.toISOString() ?? null,
			publishedAt: c.publishedAt.toISOString()
		}))
	);
};
