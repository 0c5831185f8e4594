import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { attemptErrorResponse, MAX_RESPONSE_MS, replyFormSchema } from '$lib/server/attempt-api';
import { parseForm, readForm } from '$lib/server/forms';
import * as attempts from '$lib/server/attempts';
import { canReviewTurn, feedbackVisible } from '$lib/server/access';
import { reviewFailure } from '$lib/server/review-errors';
import { labelsFromForm, reviewFormSchema } from '$lib/server/review-forms';
import * as reviews from '$lib/server/reviews';
import { authorize } from '$lib/server/guard';
import { readable } from '$lib/engine/scoring';
import type { Actions, PageServerLoad } from './$types';

const attemptId = (raw: string) => (/^\d{1,12}$/.test(raw) ? Number(raw) : null);

// Anyone who may read the attempt may open it (its trainee, their supervisor, trainers); only the
// trainee may reply, through the action below.
export const load: PageServerLoad = (event) => {
	const user = authorize(event);
	const id = attemptId(event.params.id);
	const view = id === null ? null : attempts.get(user, id);
	if (!view) error(404, m.attempt_not_found());
	const { attempt, scenario } = view;
	const rubric = attempts.rubricOf(attempt);
	const hideFeedback = !feedbackVisible(attempt);
	const reviewed = reviews.reviewsOfAttempt(user, attempt.id) ?? new Map();
	const stateOf = (line: { zh: string; en: string } | null) =>
		Object.values(scenario.states).find(
			(s) => !s.final && s.customer.some((c) => c.en === line?.en)
		)?.id ?? null;
	return {
		attempt: {
			id: attempt.id,
			mode: attempt.mode,
			done: attempt.done,
			outcome: attempt.outcome,
			score: hideFeedback ? null : attempt.score,
			mood: attempt.mood,
			replies: attempt.replies
		},
		mine: view.owner.id === user.id,
		// Trainers, admins and the trainee's supervisor review replies once the feedback is visible.
		canReview: !hideFeedback && canReviewTurn(user, view.owner.id),
		me: user.id,
		owner: view.owner,
		scenario: {
			key: scenario.key,
			title: scenario.title,
			persona: scenario.persona,
			briefing: scenario.briefing,
			maxTurns: scenario.maxTurns,
			outcomeText: attempt.done
				? ((
						Object.values(scenario.states).find((s) => s.final && s.id === attempt.state) as
							{ text?: { zh: string; en: string } } | undefined
					)?.text ?? null)
				: null
		},
		turns: view.turns.map((t) => {
			const state = t.speaker === 'customer' ? stateOf(t.line) : null;
			const ideal =
				state && attempt.done
					? (scenario.states[state] as { ideal?: { zh: string; en: string } }).ideal
					: null;
			return {
				id: t.id,
				index: t.index,
				speaker: t.speaker,
				reviews: (reviewed.get(t.id) ?? []) as reviews.ReviewView[],
				expects: t.assessment?.expects ?? [],
				text: t.text,
				line: t.line,
				ideal: ideal ?? null,
				assessment: hideFeedback || !t.assessment ? null : readable(t.assessment)
			};
		}),
		rubric: {
			dimensions: rubric.dimensions.map((d) => ({
				id: d.id,
				title: d.title,
				tip: d.tip,
				weight: d.weight
			})),
			violations: rubric.violations.map((v) => ({
				id: v.id,
				title: v.title,
				tip: v.tip,
				severity: v.severity
			}))
		},
		shownAt: Date.now()
	};
};

export const actions: Actions = {
	// A review of one reply; the domain checks the reviewer may review that reply's trainee.
	review: async (event) => {
		const user = authorize(event, ['trainer', 'supervisor', 'admin']);
		const form = await readForm(event);
		const parsed = parseForm(reviewFormSchema, form);
		if (!parsed.ok)
			return fail(400, {
				reviewMessage: Object.values(parsed.errors)[0],
				turnId: null as number | null
			});
		const labels = labelsFromForm(form);
		if (!labels.ok) return fail(400, { reviewMessage: labels.message, turnId: parsed.data.turnId });
		try {
			reviews.recordReview(user, parsed.data.turnId, {
				labels: labels.labels,
				comment: parsed.data.comment
			});
		} catch (e) {
			const failure = reviewFailure(e);
			if (!failure) throw e;
			return fail(failure.status, { reviewMessage: failure.message, turnId: parsed.data.turnId });
		}
		return { reviewDone: m.review_saved(), turnId: parsed.data.turnId };
	},
	reply: async (event) => {
		const user = authorize(event, 'practice');
		const id = attemptId(event.params.id);
		if (id === null) error(404, m.attempt_not_found());
		const form = await readForm(event);
		const text = String(form.get('text') ?? '');
		const parsed = parseForm(replyFormSchema, form);
		if (!parsed.ok)
			return fail(400, { message: Object.values(parsed.errors)[0], text: text.slice(0, 2000) });
		const { turn, shownAt } = parsed.data;
		const responseMs =
			shownAt === null ? null : Math.max(0, Math.min(Date.now() - shownAt, MAX_RESPONSE_MS));
		try {
			const result = attempts.reply(user, id, turn, text, { responseMs });
			if (!result) error(404, m.attempt_not_found());
		} catch (e) {
			const answer = attemptErrorResponse(e);
			if (!answer) throw e;
			return fail(answer.status, { message: answer.message, text: text.slice(0, 2000) });
		}
		redirect(303, `/practice/${id}`);
	}
};
