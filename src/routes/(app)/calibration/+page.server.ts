import { fail, redirect } from '@sveltejs/kit';
import { MIN_ITEMS, MIN_KAPPA, MIN_PRECISION } from '$lib/engine/calibration/gating';
import * as calibration from '$lib/server/calibration';
import { readForm, parseForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { reviewFailure } from '$lib/server/review-errors';
import { sessionFormSchema } from '$lib/server/review-forms';
import type { Actions, PageServerLoad } from './$types';

// Calibration: how far the scorer agrees with people, per criterion and language, and the sessions
// in which graders label replies blind.
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'calibration');
	return {
		criteria: calibration.criterionTable(),
		sessions: calibration.sessionList(user) ?? [],
		trend: calibration.trend(),
		graders: calibration.graders().filter((g) => g.id !== user.id),
		gate: { items: MIN_ITEMS, kappa: MIN_KAPPA, precision: MIN_PRECISION }
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, 'calibration');
		const form = await readForm(event);
		const parsed = parseForm(sessionFormSchema, form);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const graderIds = form
			.getAll('graders')
			.filter((g): g is string => typeof g === 'string' && /^\d{1,12}$/.test(g))
			.map(Number);
		let id: number;
		try {
			id = calibration.createSession(user, { ...parsed.data, graderIds }).session.id;
		} catch (e) {
			const failure = reviewFailure(e);
			if (!failure) throw e;
			return fail(failure.status, { message: failure.message });
		}
		redirect(303, `/calibration/${id}`);
	}
};
