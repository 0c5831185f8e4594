import { fail, redirect } from '@sveltejs/kit';
import { parseRequest } from '$lib/server/forms';
import { author, createSchema, draftStep } from '$lib/server/rubric-draft-actions';
import * as rubricDrafts from '$lib/server/rubric-drafts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = author(event);
	return {
		drafts: rubricDrafts.list(user).map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = author(event);
		const parsed = await parseRequest(event, createSchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, message: parsed.errors.note });
		const step = draftStep(() => rubricDrafts.create(user, parsed.data.note || null));
		if (!step.ok) return step.failure;
		redirect(303, `/rubric/drafts/${step.value.id}`);
	}
};
