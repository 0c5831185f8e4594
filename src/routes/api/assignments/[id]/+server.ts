import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { assignmentAnswer } from '$lib/server/assignments/answer';
import * as assigning from '$lib/server/assignments';
import { extendBodySchema } from '$lib/server/assignments/forms';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { RequestEvent, RequestHandler } from './$types';

const idOf = (event: RequestEvent) =>
	/^\d{1,12}$/.test(event.params.id) ? Number(event.params.id) : null;
const notFound = () => apiError(404, 'not_found', m.assign_refused_not_found());

// One assignment with its progress: its trainee's own, or one in the reader's scope.
export const GET: RequestHandler = (event) => {
	const user = authorize(event);
	const id = idOf(event);
	const found = id === null ? null : assigning.viewFor(user, id);
	return found ? json(found) : notFound();
};

// A new due date: `{ dueAt }`, later than the current one and in the future.
export const PATCH: RequestHandler = async (event) => {
	const user = authorize(event, 'assignments');
	const id = idOf(event);
	if (id === null) return notFound();
	const body = await readJson(event);
	if (!body.ok) return body.response;
	const parsed = parseInput(extendBodySchema, body.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		assigning.extend(user, [id], parsed.data.dueAt);
		return json(assigning.view(id));
	} catch (e) {
		return assignmentAnswer(e);
	}
};

// Withdraws it: it leaves the trainee's page and can no longer be started.
export const DELETE: RequestHandler = (event) => {
	const user = authorize(event, 'assignments');
	const id = idOf(event);
	if (id === null) return notFound();
	try {
		assigning.withdraw(user, [id]);
		return json(assigning.view(id));
	} catch (e) {
		return assignmentAnswer(e);
	}
};
