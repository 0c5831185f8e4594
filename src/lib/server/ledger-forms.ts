import * as v from 'valibot';
import { m } from '../paraglide/messages';

const id = v.pipe(
	v.string(() => m.error_bad_form()),
	v.regex(/^\d{1,12}$/, () => m.error_bad_form()),
	v.transform(Number)
);
const reason = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.nonEmpty(() => m.ledger_refused_reason_required()),
	v.maxLength(2000, () => m.error_too_long({ max: 2000 }))
);

export const entrySchema = v.object({ entryId: id });
export const reverseSchema = v.object({ entryId: id, reason });
export const disputeSchema = v.object({ entryId: id, reason });

/** A ruling on a dispute; the points field counts only for a partial ruling, and must be a whole number. */
export const ruleSchema = v.variant(
	'decision',
	[
		v.object({
			disputeId: id,
			decision: v.picklist(['accepted', 'rejected']),
			reason
		}),
		v.object({
			disputeId: id,
			decision: v.literal('partial'),
			reason,
			points: v.pipe(
				v.string(() => m.ledger_refused_bad_points()),
				v.trim(),
				v.regex(/^[-+−]?\d{1,6}$/, () => m.ledger_refused_bad_points()),
				v.transform((s) => Number(s.replace('−', '-')))
			)
		})
	],
	() => m.error_choose_option()
);

export const finalSchema = v.object({
	disputeId: id,
	decision: v.picklist(['upheld', 'overturned'], () => m.error_choose_option()),
	reason
});
