import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import {
	attemptErrorAsJson,
	customerText,
	replySchema,
	visibleAssessment
} from '$lib/server/attempt-api';
import * as attempts from '$lib/server/attempts';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const user = authorize(event, 'practice');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id)) return apiError(404, 'not_found', m.attempt_not_found());
	const read = await readJson(event);
	if (!read.ok) return read.response;
	const parsed = parseInput(replySchema, read.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	const { text, turn, responseMs } = parsed.data;
	try {
		const result = attempts.reply(user, id, turn, text, { responseMs });
		if (!result) return apiError(404, 'not_found', m.attempt_not_found());
		return json({
			assessment: visibleAssessment(result.mode, result.done, result.assessment),
			customer: customerText(result.customer),
			state: result.state,
			done: result.done,
			...(result.done ? { outcome: result.outcome } : {})
		});
	} catch (e) {
		return attemptErrorAsJson(e);
	}
};
