import { fail } from '@sveltejs/kit';
import { m } from '../paraglide/messages';
import { DraftRefused } from './criteria';
import { refusalStatus } from './ledger';

/** Runs a drafting step; a refusal becomes a form failure with its message, anything else throws. */
export function draftStep<T>(run: () => T) {
	try {
		return { ok: true as const, value: run() };
	} catch (e) {
		if (!(e instanceof DraftRefused)) throw e;
		const key = `ledger_refused_${e.reason}` as keyof typeof m;
		const message = (m[key] as (() => string) | undefined)?.() ?? m.error_bad_value();
		return { ok: false as const, failure: fail(refusalStatus(e.reason), { message }) };
	}
}
