import * as v from 'valibot';
import type { Assessment } from '../engine/scoring';
import { m } from '../paraglide/messages';
import { apiError, inLocale } from './api';
import * as attempts from './attempts';

export const startSchema = v.object({
	scenario: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
	mode: v.picklist(['practice', 'certification'])
});

export const replySchema = v.object({
	text: v.string(),
	turn: v.pipe(v.number(), v.integer(), v.minValue(0)),
	responseMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)))
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

/** Certification shows no feedback until the attempt is over. */
export function visibleAssessment(
	mode: string,
	done: boolean,
	assessment: Assessment | null | undefined
) {
	return mode === 'certification' && !done ? undefined : (assessment ?? undefined);
}

export function customerText(line: { zh: string; en: string } | null | undefined) {
	return line ? { text: inLocale(line) } : null;
}
