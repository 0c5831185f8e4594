import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as assigning from '$lib/server/assignments';
import {
	createFormInput,
	createFormSchema,
	extendFormSchema,
	localInput,
	manageFormInput,
	NOTE_MAX,
	withdrawFormSchema
} from '$lib/server/assignments/forms';
import { timeZone } from '$lib/server/config';
import { parseInput, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const DAY = 86_400_000;

/** What an extend or withdraw answers: a refusal to show, or what was done. */
type Managed = { message?: string; success?: string };
const managed = (result: Managed) => ({ manage: result });

// Assignments: give a scenario to people or a team, and follow each person's progress.
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'assignments');
	const now = new Date();
	const groups = assigning.byAttention(assigning.grouped(assigning.listFor(user, now)));
	const withInputs = (list: assigning.AssignmentGroup[]) =>
		list.map((g) => ({
			...g,
			people: g.people.map((p) => ({ ...p, dueInput: localInput(new Date(p.dueAt)) }))
		}));
	const inAWeek = new Date(now.getTime() + 7 * DAY);
	return {
		scenarios: assigning.scenarioChoices(),
		people: assigning.assignablePeople(user),
		teams: assigning.assignableTeams(user),
		open: withInputs(groups.open),
		closed: withInputs(groups.closed),
		zone: timeZone(),
		minDue: localInput(now),
		defaultDue: `${localInput(inAWeek).slice(0, 10)}T18:00`,
		noteMax: NOTE_MAX
	};
};

/** What the create form sent, to show again beside its errors (the person's own input). */
function echo(form: FormData) {
	const values = createFormInput(form);
	return { ...values, userIds: values.userIds.map(String) };
}

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, 'assignments');
		const form = await readForm(event);
		const parsed = parseInput(createFormSchema, createFormInput(form));
		if (!parsed.ok) return fail(400, { create: { errors: parsed.errors, values: echo(form) } });
		try {
			const created = assigning.create(user, parsed.data);
			return { create: { success: m.assign_created({ count: created.length }) } };
		} catch (e) {
			const failure = assigning.assignmentFailure(e);
			if (!failure) throw e;
			const errors = { [failure.field ?? 'form']: failure.message };
			return fail(failure.status, { create: { errors, values: echo(form) } });
		}
	},
	extend: async (event) => {
		const user = authorize(event, 'assignments');
		const parsed = parseInput(extendFormSchema, manageFormInput(await readForm(event)));
		if (!parsed.ok) return fail(400, managed({ message: Object.values(parsed.errors)[0] }));
		try {
			assigning.extend(user, parsed.data.ids, parsed.data.dueAt);
			return managed({ success: m.assign_extended() });
		} catch (e) {
			const failure = assigning.assignmentFailure(e);
			if (!failure) throw e;
			return fail(failure.status, managed({ message: failure.message }));
		}
	},
	withdraw: async (event) => {
		const user = authorize(event, 'assignments');
		const parsed = parseInput(withdrawFormSchema, manageFormInput(await readForm(event)));
		if (!parsed.ok) return fail(400, managed({ message: Object.values(parsed.errors)[0] }));
		try {
			assigning.withdraw(user, parsed.data.ids);
			return managed({ success: m.assign_withdrawn_done() });
		} catch (e) {
			const failure = assigning.assignmentFailure(e);
			if (!failure) throw e;
			return fail(failure.status, managed({ message: failure.message }));
		}
	}
};
