import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { parseRequest } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as scenarios from '$lib/server/scenarios';
import * as studio from '$lib/server/studio';
import { studioFailure } from '$lib/server/studio/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'scenarios');
	const versions = studio.copyable(user);
	return {
		drafts: studio.list(user).map((d) => ({
			id: d.id,
			key: d.key,
			title: studio.describeSource(d.source).title,
			mine: d.authorId === user.id,
			authorName: d.authorName,
			updatedByName: d.updatedByName,
			updatedAt: d.updatedAt.toISOString(),
			published: d.publishedVersionId !== null
		})),
		templates: studio.templateNames,
		versions: versions.map((s) => ({
			id: s.id,
			key: s.key,
			version: s.version,
			title: { en: s.titleEn, zh: s.titleZh }
		})),
		copyFrom: event.url.searchParams.get('copy')
	};
};

const createSchema = v.variant(
	'start',
	[
		v.object({ start: v.literal('blank') }),
		v.object({
			start: v.literal('template'),
			template: v.picklist(studio.templateNames, () => m.studio_choose_template())
		}),
		v.object({
			start: v.literal('copy'),
			versionId: v.pipe(
				v.string(() => m.studio_choose_version()),
				v.regex(/^\d{1,12}$/, () => m.studio_choose_version()),
				v.transform(Number)
			)
		}),
		// From a scenario's own page: the version by its key and number.
		v.object({
			start: v.literal('published'),
			key: v.pipe(
				v.string(),
				v.regex(/^[a-z][a-z0-9_-]{0,99}$/, () => m.studio_choose_version())
			),
			version: v.pipe(
				v.string(),
				v.regex(/^\d{1,9}$/, () => m.studio_choose_version()),
				v.transform(Number)
			)
		})
	],
	() => m.studio_choose_start()
);

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, 'scenarios');
		const parsed = await parseRequest(event, createSchema);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const input = parsed.data;
		let origin: studio.DraftOrigin;
		if (input.start === 'blank') origin = { kind: 'blank' };
		else if (input.start === 'template') origin = { kind: 'template', template: input.template };
		else if (input.start === 'copy') origin = { kind: 'copy', versionId: input.versionId };
		else {
			const version = scenarios.getVersion(input.key, input.version);
			if (!version) error(404, m.studio_version_missing());
			origin = { kind: 'copy', versionId: version.id };
		}
		let id: number;
		try {
			id = studio.create(user, origin).id;
		} catch (e) {
			const failure = studioFailure(e);
			if (!failure) throw e;
			if (failure.status === 403) error(403, failure.message);
			return fail(failure.status, { message: failure.message });
		}
		redirect(303, `/scenarios/drafts/${id}`);
	}
};
