import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { attemptErrorAsJson, customerText, startSchema } from '$lib/server/attempt-api';
import * as attempts from '$lib/server/attempts';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const user = authorize(event, 'practice');
	const read = await readJson(event);
	if (!read.ok) return read.response;
	const parsed = parseInput(startSchema, read.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		const started = attempts.start(
			user,
			parsed.data.scenario,
			parsed.data.mode,
			new Date(),
			parsed.data.assignment
		);
		if (!started) return apiError(404, 'not_found', m.attempt_no_scenario());
		const { attempt, customer } = started;
		return json(
			{ id: attempt.id, state: attempt.state, customer: customerText(customer), done: false },
			{ status: 201 }
		);
	} catch (e) {
		return attemptErrorAsJson(e);
	}
};
