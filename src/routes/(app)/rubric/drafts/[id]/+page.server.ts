import { error, fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { parseRequest } from '$lib/server/forms';
import {
	author,
	changeSchema,
	draftIdOf,
	draftStep,
	revisionSchema,
	undoSchema
} from '$lib/server/rubric-draft-actions';
import * as rubricDrafts from '$lib/server/rubric-drafts';
import { effectView } from './effect-view';
import type { Actions, PageServerLoad } from './$types';

function draftFor(event: RequestEvent) {
	const user = author(event);
	const id = draftIdOf(event.params.id);
	const view = id === null ? null : rubricDrafts.view(user, id);
	if (!view) error(404, m.error_body_404());
	return { user, view };
}

export const load: PageServerLoad = (event) => {
	const { user, view } = draftFor(event);
	const keyOf = (c: { kind: string; id: string }) => `${c.kind}:${c.id}`;
	const wanted = event.url.searchParams.get('c');
	const selected = view.criteria.find((c) => keyOf(c) === wanted) ?? view.criteria[0];
	const { draft } = view;
	const effect = rubricDrafts.cachedEffect(user, draft.id, draft.revision);
	return {
		draft: {
			id: draft.id,
			note: draft.note,
			revision: draft.revision,
			status: view.status,
			authorName: view.authorName,
			baseVersion: view.baseVersion,
			newestVersion: view.newestVersion,
			publishedVersion: view.publishedVersion
		},
		criteria: view.criteria.map((c) => ({
			key: keyOf(c),
			kind: c.kind,
			title: c.title,
			critical: c.critical
		})),
		selected: {
			key: keyOf(selected),
			title: selected.title,
			phrases: selected.phrases,
			examples: selected.examples
		},
		changes: view.changes.map((c, index) => ({
			index,
			op: c.op,
			field: c.field,
			lang: c.lang,
			value: c.value,
			title: c.title
		})),
		effect: effect ? effectView(effect, view.criteria) : null
	};
};

export const actions: Actions = {
	change: async (event) => {
		const { user, view } = draftFor(event);
		const parsed = await parseRequest(event, changeSchema);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, message: Object.values(parsed.errors)[0] });
		const { criterion, revision, ...rest } = parsed.data;
		const [kind, id] = criterion.split(':') as ['dimension' | 'violation', string];
		const step = draftStep(() =>
			rubricDrafts.change(user, view.draft.id, revision, { target: { kind, id }, ...rest })
		);
		if (!step.ok) return step.failure;
		return { done: rest.op === 'add' ? m.rdraft_added() : m.rdraft_removed() };
	},
	undo: async (event) => {
		const { user, view } = draftFor(event);
		const parsed = await parseRequest(event, undoSchema);
		if (!parsed.ok) return fail(400, { message: m.error_bad_form() });
		const { revision, index } = parsed.data;
		const step = draftStep(() => rubricDrafts.undo(user, view.draft.id, revision, index));
		if (!step.ok) return step.failure;
		return { done: m.rdraft_undone() };
	},
	evaluate: (event) => {
		const { user, view } = draftFor(event);
		const step = draftStep(() => rubricDrafts.evaluate(user, view.draft.id));
		if (!step.ok) return step.failure;
		return { done: m.rdraft_effect_ready() };
	},
	publish: async (event) => {
		const { user, view } = draftFor(event);
		const schema = v.object({
			...revisionSchema.entries,
			confirm: v.literal('yes', () => m.rdraft_confirm_needed())
		});
		const parsed = await parseRequest(event, schema);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const step = draftStep(() => rubricDrafts.publish(user, view.draft.id, parsed.data.revision));
		if (!step.ok) return step.failure;
		const { version, model } = step.value;
		return {
			done:
				model === 'kept'
					? m.rdraft_published_model({ version: version.version })
					: m.rdraft_published_rules({ version: version.version })
		};
	},
	discard: async (event) => {
		const { user, view } = draftFor(event);
		const parsed = await parseRequest(event, revisionSchema);
		if (!parsed.ok) return fail(400, { message: m.error_bad_form() });
		const step = draftStep(() => rubricDrafts.discard(user, view.draft.id, parsed.data.revision));
		if (!step.ok) return step.failure;
		return { done: m.rdraft_discarded() };
	}
};
