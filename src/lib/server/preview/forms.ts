import * as v from 'valibot';
import { MAX_REPLY_LENGTH } from '../../engine/scoring';
import { m } from '../../paraglide/messages';

/** A whole number written in a form field, within bounds; `message` says what to fix. */
const whole = (min: number, max: number, message: () => string) =>
	v.pipe(
		v.string(message),
		v.regex(/^\d{1,10}$/, message),
		v.transform(Number),
		v.minValue(min, message),
		v.maxValue(max, message)
	);

/** A record id from the URL. */
export const idSchema = v.pipe(
	v.string(),
	v.regex(/^\d{1,12}$/),
	v.transform(Number),
	v.minValue(1)
);

const stateField = v.pipe(
	v.string(() => m.preview_state_invalid()),
	v.nonEmpty(() => m.preview_state_invalid()),
	v.maxLength(100, () => m.preview_state_invalid())
);
const moodField = whole(0, 100, () => m.preview_mood_invalid());
const turnField = whole(0, 100, () => m.preview_turn_invalid());
const seedField = whole(0, 2 ** 31 - 1, () => m.preview_seed_invalid());
const replyField = v.pipe(
	v.string(() => m.preview_reply_empty()),
	v.trim(),
	v.nonEmpty(() => m.preview_reply_empty()),
	v.maxLength(MAX_REPLY_LENGTH, () => m.preview_reply_too_long({ max: MAX_REPLY_LENGTH }))
);

/** Where a preview starts, from the page's address: every part optional (the defaults apply). */
export const startQuerySchema = v.object({
	state: v.optional(stateField),
	mood: v.optional(moodField),
	turn: v.optional(turnField),
	seed: v.optional(seedField)
});

/** One reply of a preview: the position it answers and its text. */
export const previewReplySchema = v.object({
	state: stateField,
	mood: moodField,
	turn: turnField,
	seed: seedField,
	text: replyField
});

/** A reply scored in the sandbox, alone or in a scenario state ("key/state"). */
export const sandboxSchema = v.object({
	text: replyField,
	context: v.optional(
		v.pipe(
			v.string(() => m.sandbox_context_invalid()),
			v.regex(/^(?:|[a-z][a-z0-9_-]{0,99}\/[a-z][a-z0-9_-]{0,99})$/, () =>
				m.sandbox_context_invalid()
			)
		),
		''
	),
	turn: v.optional(
		v.picklist(['first', 'later'], () => m.sandbox_turn_invalid()),
		'first'
	)
});
