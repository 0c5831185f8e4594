import { fail, redirect } from '@sveltejs/kit';
import { categories } from '$lib/engine/scenario/schema';
import { m } from '$lib/paraglide/messages';
import { attemptErrorResponse, startSchema } from '$lib/server/attempt-api';
import * as attempts from '$lib/server/attempts';
import { parseForm, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as practice from '$lib/server/practice';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'practice');
	const category = event.url.searchParams.get('category') ?? '';
	const difficulty = event.url.searchParams.get('difficulty') ?? '';
	const { cards, assigned } = practice.library(user.id);
	// Shown once as new: what the page returns below was read before this.
	practice.seen(
		user.id,
		assigned.filter((a) => a.isNew).map((a) => a.id)
	);
	const shown = cards.filter(
		(c) =>
			(!category || c.category === category) && (!difficulty || String(c.difficulty) === difficulty)
	);
	return {
		cards: shown,
		all: cards,
		assigned,
		filters: { category, difficulty },
		categories: [...categories]
	};
};

export const actions: Actions = {
	start: async (event) => {
		const user = authorize(event, 'practice');
		const parsed = parseForm(startSchema, await readForm(event));
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		let id: number;
		try {
			const started = attempts.start(
				user,
				parsed.data.scenario,
				parsed.data.mode,
				new Date(),
				parsed.data.assignment
			);
			if (!started) return fail(404, { message: m.attempt_no_scenario() });
			id = started.attempt.id;
		} catch (e) {
			const answer = attemptErrorResponse(e);
			if (!answer) throw e;
			return fail(answer.status, { message: answer.message });
		}
		redirect(303, `/practice/${id}`);
	}
};
