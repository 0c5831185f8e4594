import { json } from '@sveltejs/kit';
import { apiInvalid, readJson } from '$lib/server/api';
import { assignmentAnswer } from '$lib/server/assignments/answer';
import * as assigning from '$lib/server/assignments';
import { createBodySchema } from '$lib/server/assignments/forms';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { RequestHandler } from './$types';

// A trainee's own assignments; for those who assign, every assignment in their scope.
export const GET: RequestHandler = (event) => {
	const user = authorize(event);
	return json({
		assignments: user.role === 'trainee' ? assigning.forTrainee(user.id) : assigning.listFor(user)
	});
};

// Gives a scenario to people or a team: all of it, or (outside one's scope, bad input) none.
export const POST: RequestHandler = async (event) => {
	const user = authorize(event, 'assignments');
	const body = await readJson(event);
	if (!body.ok) return body.response;
	const parsed = parseInput(createBodySchema, body.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		const created = assigning.create(user, parsed.data);
		return json({ assignments: assigning.viewsOf(created.map((row) => row.id)) }, { status: 201 });
	} catch (e) {
		return assignmentAnswer(e);
	}
};
