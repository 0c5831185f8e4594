import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, inLocale } from '$lib/server/api';
import { visibleAssessment } from '$lib/server/attempt-api';
import * as attempts from '$lib/server/attempts';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = authorize(event);
	const id = Number(event.params.id);
	const view = Number.isSafeInteger(id) ? attempts.get(user, id) : null;
	if (!view) return apiError(404, 'not_found', m.attempt_not_found());
	const { attempt } = view;
	return json({
		id: attempt.id,
		scenario: { key: view.scenario.key, version: view.scenarioVersion },
		mode: attempt.mode,
		outcome: attempt.outcome,
		score: attempt.done || attempt.mode === 'practice' ? attempt.score : null,
		turns: view.turns.map((t) => ({
			index: t.index,
			speaker: t.speaker,
			text: t.line ? inLocale(t.line) : t.text,
			assessment: visibleAssessment(attempt.mode, attempt.done, t.assessment)
		}))
	});
};
