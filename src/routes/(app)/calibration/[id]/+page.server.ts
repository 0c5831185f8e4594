import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as calibration from '$lib/server/calibration';
import { parseForm, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { reviewFailure } from '$lib/server/review-errors';
import { labelsFromForm } from '$lib/server/review-forms';
import { ReviewRefused } from '$lib/server/reviews';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';

const sessionId = (raw: string) => (/^\d{1,12}$/.test(raw) ? Number(raw) : null);

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'calibration');
	const id = sessionId(event.params.id);
	try {
		if (id === null) throw new ReviewRefused('not_found');
		return calibration.sessionView(user, id);
	} catch (e) {
		if (e instanceof ReviewRefused) error(404, m.review_refused_not_found());
		throw e;
	}
};

const itemSchema = v.object({
	itemId: v.pipe(
		v.string(() => m.error_bad_form()),
		v.regex(/^\d{1,12}$/, () => m.error_bad_form()),
		v.transform(Number)
	)
});

async function attempt(run: () => void, done: string, itemId: number | null = null) {
	try {
		run();
	} catch (e) {
		const failure = reviewFailure(e);
		if (!failure) throw e;
		return fail(failure.status, { message: failure.message, itemId });
	}
	return { done, itemId };
}

export const actions: Actions = {
	// A grader's blind answer for one reply; the domain checks they are this session's grader.
	answer: async (event) => {
		const user = authorize(event, 'calibration');
		const form = await readForm(event);
		const parsed = parseForm(itemSchema, form);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0], itemId: null });
		const labels = labelsFromForm(form);
		if (!labels.ok) return fail(400, { message: labels.message, itemId: parsed.data.itemId });
		return attempt(
			() => calibration.answer(user, parsed.data.itemId, labels.labels),
			m.calibration_answered(),
			parsed.data.itemId
		);
	},
	close: async (event) => {
		const user = authorize(event, 'calibration');
		const id = sessionId(event.params.id);
		return attempt(() => {
			if (id === null) throw new ReviewRefused('not_found');
			calibration.closeSession(user, id);
		}, m.calibration_closed());
	}
};
