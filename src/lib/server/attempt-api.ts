import * as v from 'valibot';
import type { Assessment } from '../engine/scoring';
import { m } from '../paraglide/messages';
import { apiError, inLocale } from './api';
import { feedbackVisible } from './access';
import * as attempts from './attempts';

export const startSchema = v.object({
	scenario: v.pipe(
		v.string(() => m.error_required()),
		v.nonEmpty(() => m.error_required()),
		v.maxLength(100, () => m.error_too_long({ max: 100 }))
	),
	mode: v.picklist(['practice', 'certification'], () => m.attempt_mode_invalid()),
	/** Starts this assignment (the practice page's buttons name theirs). */
	assignment: v.optional(
		v.pipe(
			v.union([v.string(), v.number()], () => m.assign_not_open()),
			v.transform(String),
			v.regex(/^\d{1,12}$/, () => m.assign_not_open()),
			v.transform(Number)
		)
	)
});

/** A day: no one takes longer to answer, and anything more is a broken client. */
export const MAX_RESPONSE_MS = 86_400_000;

export const replySchema = v.object({
	text: v.string(() => m.reply_empty()),
	turn: v.pipe(
		v.number(() => m.reply_turn_invalid()),
		v.integer(() => m.reply_turn_invalid()),
		v.minValue(0, () => m.reply_turn_invalid()),
		v.maxValue(1000, () => m.reply_turn_invalid())
	),
	responseMs: v.optional(
		v.pipe(
			v.number(() => m.reply_response_ms_invalid({ max: MAX_RESPONSE_MS })),
			v.integer(() => m.reply_response_ms_invalid({ max: MAX_RESPONSE_MS })),
			v.minValue(0, () => m.reply_response_ms_invalid({ max: MAX_RESPONSE_MS })),
			v.maxValue(MAX_RESPONSE_MS, () => m.reply_response_ms_invalid({ max: MAX_RESPONSE_MS }))
		)
	)
});

/** The reply form of the conversation page: the turn, and when the page was shown (for timing). */
export const replyFormSchema = v.object({
	text: v.optional(v.string(), ''),
	turn: v.pipe(
		v.string(() => m.reply_turn_invalid()),
		v.regex(/^\d{1,4}$/, () => m.reply_turn_invalid()),
		v.transform(Number)
	),
	shownAt: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => (/^\d{1,15}$/.test(s) && Number(s) > 0 ? Number(s) : null))
	)
});

/** The answer to an error the attempts module raises, for the API and for form actions alike. */
export function attemptErrorResponse(
	e: unknown
): { status: number; error: string; message: string } | null {
	if (e instanceof attempts.ReplyRejected) {
		return {
			status: 400,
			error: e.reason,
			message: e.reason === 'empty' ? m.reply_empty() : m.reply_too_long({ max: 2000 })
		};
	}
	if (e instanceof attempts.TurnConflict) {
		const message =
			e.reason === 'finished' ? m.reply_finished() : m.reply_conflict({ turn: e.expected + 1 });
		return { status: 409, error: 'turn_conflict', message };
	}
	if (e instanceof attempts.AssignmentClosed)
		return { status: 403, error: 'not_allowed', message: m.assign_not_open() };
	if (e instanceof attempts.NotAllowed)
		return {
			status: 403,
			error: 'not_allowed',
			message: m.attempt_certification_needs_assignment()
		};
	return null;
}

export function attemptErrorAsJson(e: unknown): Response {
	const answer = attemptErrorResponse(e);
	if (!answer) throw e;
	return apiError(answer.status, answer.error, answer.message);
}

/** Certification shows no feedback until the attempt is over (see access.feedbackVisible). */
export function visibleAssessment(
	mode: string,
	done: boolean,
	assessment: Assessment | null | undefined
) {
	return feedbackVisible({ mode, done }) ? (assessment ?? undefined) : undefined;
}

export function customerText(line: { zh: string; en: string } | null | undefined) {
	return line ? { text: inLocale(line) } : null;
}
