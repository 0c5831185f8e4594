/**
 * The inputs of review and calibration, as schemas: a review's labels (from a form's radio groups
 * or a JSON body), a decision on a held entry, a new calibration session. Pages and the API share
 * them, so both refuse the same input with the same words.
 */
import * as v from 'valibot';
import type { Labels } from '../engine/calibration/labels';
import { m } from '../paraglide/messages';

const id = v.pipe(
	v.string(() => m.error_bad_form()),
	v.regex(/^\d{1,12}$/, () => m.error_bad_form()),
	v.transform(Number)
);
const comment = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.maxLength(2000, () => m.error_too_long({ max: 2000 }))
);
const reason = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.nonEmpty(() => m.review_refused_reason_required()),
	v.maxLength(2000, () => m.error_too_long({ max: 2000 }))
);
const criterionId = v.pipe(
	v.string(),
	v.regex(/^[a-z][a-z_]{0,39}$/, () => m.error_bad_value())
);

/** Labels as JSON: `{ dimensions: { id: shown | not_shown | not_needed }, violations: { id: bool } }`. */
export const labelsSchema = v.object({
	dimensions: v.record(
		criterionId,
		v.picklist(['shown', 'not_shown', 'not_needed'], () => m.review_choose_dimension())
	),
	violations: v.record(
		criterionId,
		v.boolean(() => m.review_choose_violation())
	)
});

export const reviewBodySchema = v.object({ labels: labelsSchema, comment });

export const decisionSchema = v.object({
	decision: v.picklist(['confirm', 'reject'], () => m.error_choose_option()),
	reason
});
export const decisionFormSchema = v.object({ itemId: id, ...decisionSchema.entries });

/**
 * Labels from a form: `dim_<id>` = shown | not_shown | not_needed and `vio_<id>` = yes | no.
 * Anything else is refused with a message; what is missing is left for the domain to name.
 */
export function labelsFromForm(
	form: FormData
): { ok: true; labels: Labels } | { ok: false; message: string } {
	const labels: Labels = { dimensions: {}, violations: {} };
	for (const [key, raw] of form) {
		if (typeof raw !== 'string') continue;
		const dim = /^dim_([a-z][a-z_]{0,39})$/.exec(key);
		const vio = /^vio_([a-z][a-z_]{0,39})$/.exec(key);
		if (dim) {
			if (raw !== 'shown' && raw !== 'not_shown' && raw !== 'not_needed')
				return { ok: false, message: m.review_choose_dimension() };
			labels.dimensions[dim[1]] = raw;
		} else if (vio) {
			if (raw !== 'yes' && raw !== 'no') return { ok: false, message: m.review_choose_violation() };
			labels.violations[vio[1]] = raw === 'yes';
		}
	}
	return { ok: true, labels };
}

export const reviewFormSchema = v.object({ turnId: id, comment });

export const sessionFormSchema = v.object({
	title: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty(() => m.calibration_title_required()),
		v.maxLength(120, () => m.error_too_long({ max: 120 }))
	),
	size: v.pipe(
		v.string(() => m.calibration_size_range()),
		v.regex(/^\d{1,3}$/, () => m.calibration_size_range()),
		v.transform(Number),
		v.minValue(1, () => m.calibration_size_range()),
		v.maxValue(100, () => m.calibration_size_range())
	)
});
