import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseForm, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as preview from '$lib/server/preview';
import type { Actions, PageServerLoad } from './$types';

function allowed<T>(run: () => T): T {
	try {
		return run();
	} catch (e) {
		if (e instanceof preview.PreviewForbidden) error(403, m.error_forbidden());
		throw e;
	}
}

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scenarios');
	return { scenarios: allowed(() => preview.sandbox.choices(user)) };
};

export const actions: Actions = {
	score: async (event) => {
		const user = authorize(event, 'scenarios');
		const form = await readForm(event);
		const echo = {
			text: String(form.get('text') ?? '').slice(0, 2000),
			context: String(form.get('context') ?? '').slice(0, 201),
			turn: String(form.get('turn') ?? 'first').slice(0, 10)
		};
		const parsed = parseForm(preview.sandboxSchema, form);
		if (!parsed.ok) return fail(400, { ...echo, message: Object.values(parsed.errors)[0] });
		const result = allowed(() => preview.sandbox.score(user, parsed.data));
		if (!result) return fail(400, { ...echo, message: m.sandbox_context_invalid() });
		return { ...echo, result };
	}
};
