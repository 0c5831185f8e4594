import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as criteria from '$lib/server/criteria';
import { draftStep } from '$lib/server/criteria-actions';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	return {
		drafts: criteria.drafts.listOpen(user).map((d) => ({
			id: d.id,
			code: d.code,
			title: d.document.title,
			kind: d.document.kind,
			status: d.status,
			authorName: d.authorName,
			approverName: d.approverName,
			isNew: d.baseVersion === null,
			updatedAt: d.updatedAt.toISOString()
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, ['supervisor', 'admin']);
		const parsed = await parseRequest(event, v.object({ kind: v.picklist(['reward', 'penalty']) }));
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const step = draftStep(() => criteria.drafts.create(user, { kind: parsed.data.kind }));
		if (!step.ok) return step.failure;
		redirect(303, `/criteria/drafts/${step.value.id}`);
	}
};
