import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '../../paraglide/messages';

/** The longest scenario source the studio takes: several times the longest scenario file. */
export const MAX_SOURCE = 100_000;

export const sourceField = v.pipe(
	v.string(() => m.studio_source_required()),
	v.nonEmpty(() => m.studio_source_required()),
	v.maxLength(MAX_SOURCE, () => m.studio_source_too_long({ max: MAX_SOURCE }))
);

export const revisionField = v.pipe(
	v.string(() => m.error_bad_form()),
	v.regex(/^\d{1,9}$/, () => m.error_bad_form()),
	v.transform(Number)
);

/** A draft id from the URL, or 404. */
export function draftId(raw: string): number {
	if (!/^\d{1,12}$/.test(raw)) error(404, m.studio_refused_not_found());
	return Number(raw);
}
