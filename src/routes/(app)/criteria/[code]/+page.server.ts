import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import * as criteria from '$lib/server/criteria';
import { parseForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'criteria');
	const versions = criteria.history(event.params.code);
	if (versions.length === 0) error(404, m.error_body_404());
	return {
		code: event.params.code,
		canPublish: user.role === 'supervisor' || user.role === 'admin',
		versions: versions.map((c, i) => ({
			version: c.version,
			doc: c.document,
			publishedAt: c.publishedAt.toISOString(),
			effectiveFrom: c.effectiveFrom.toISOString(),
			changes: i === 0 ? [] : criteria.diff(versions[i - 1].document, c.document)
		}))
	};
};

const text = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.maxLength(1000)
);
const whole = (min: number, max: number) =>
	v.pipe(
		v.string(),
		v.regex(/^\d{1,4}$/, () => m.error_required()),
		v.transform(Number),
		v.minValue(min),
		v.maxValue(max)
	);
const revision = v.object({
	points: whole(1, 1000),
	capPerMonth: whole(1, 100),
	definitionEn: text,
	definitionZh: text,
	effectiveFrom: v.optional(v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2})?$/)), '')
});

export const actions: Actions = {
	publish: async (event) => {
		const user = authorize(event, ['supervisor', 'admin']);
		const parsed = parseForm(revision, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const d = parsed.data;
		const row = criteria.publishRevision(user.id, event.params.code, {
			points: d.points,
			capPerMonth: d.capPerMonth,
			definition: { en: d.definitionEn, zh: d.definitionZh },
			effectiveFrom: d.effectiveFrom ? new Date(`${d.effectiveFrom}T00:00:00Z`) : undefined
		});
		if (!row) error(404, m.error_body_404());
		return { published: m.criteria_published_version({ code: row.code, version: row.version }) };
	}
};
