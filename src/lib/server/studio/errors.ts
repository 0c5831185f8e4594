import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import { problemText } from '../../components/studio/problem-text';
import type { Problem } from '../../engine/source';
import { timeZone } from '../config';
import { StudioRefused, studioStatus, type StudioRefusal } from './refused';

const messages: Record<StudioRefusal, () => string> = {
	not_found: m.studio_refused_not_found,
	not_allowed: m.studio_refused_not_allowed,
	stale: m.studio_refused_stale_unknown,
	discarded: m.studio_refused_discarded,
	invalid: m.studio_refused_invalid,
	no_template: m.studio_refused_no_template
};

/** A problem as the API and the pages give it: located, in the reader's language. */
export function localProblem(p: Problem) {
	return { line: p.line, column: p.col, path: p.path, message: problemText(p, getLocale()) };
}
export type LocalProblem = ReturnType<typeof localProblem>;

/** When something happened, as the reader's language writes it, on the company's clock. */
export function formatMoment(at: Date): string {
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: timeZone()
	}).format(at);
}

/**
 * The answer to a refused studio action: its status, a code, a message in the reader's language
 * (a stale save names who saved last and when) and the located problems. Null for other errors.
 */
export function studioFailure(e: unknown): {
	status: 400 | 403 | 404 | 409;
	error: StudioRefusal;
	message: string;
	problems: LocalProblem[];
} | null {
	if (!(e instanceof StudioRefused)) return null;
	const last = e.detail.lastSave;
	const message =
		e.reason === 'stale' && last
			? m.studio_refused_stale({ name: last.by, at: formatMoment(last.at) })
			: messages[e.reason]();
	return {
		status: studioStatus(e.reason),
		error: e.reason,
		message,
		problems: (e.detail.problems ?? []).map(localProblem)
	};
}
