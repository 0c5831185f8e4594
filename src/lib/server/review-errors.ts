import { m } from '../paraglide/messages';
import { LedgerRefused, refusalStatus } from './ledger/refused';
import { ReviewRefused, reviewStatus } from './reviews/refused';

/**
 * The answer to a refused review, decision or calibration step: its HTTP status, a code and a
 * message in the reader's language (ties name the items to answer). Null for any other error.
 */
export function reviewFailure(e: unknown): {
	status: 400 | 403 | 404 | 409;
	error: string;
	message: string;
	detail?: Record<string, unknown>;
} | null {
	if (e instanceof ReviewRefused) {
		const text = (m as unknown as Record<string, (() => string) | undefined>)[
			`review_refused_${e.reason}`
		];
		const items = (e.detail.items as number[] | undefined)?.join(', ');
		return {
			status: reviewStatus(e.reason),
			error: e.reason,
			message: `${text?.() ?? m.error_bad_request()}${items ? ` (${items})` : ''}`,
			detail: e.detail
		};
	}
	if (e instanceof LedgerRefused) {
		const text = (m as unknown as Record<string, (() => string) | undefined>)[
			`ledger_refused_${e.reason}`
		];
		return {
			status: refusalStatus(e.reason),
			error: e.reason,
			message: text?.() ?? m.error_bad_request()
		};
	}
	return null;
}
