import type { Refusal } from '../../engine/rulebook/lifecycle';

/** Something the ledger's rules do not allow: `reason` says which, for the person who tried. */
export class LedgerRefused extends Error {
	constructor(readonly reason: Refusal) {
		super(reason);
	}
}

/** The HTTP status that answers a refusal: out of scope 404, not one's role 403, wrong moment 409. */
export function refusalStatus(reason: Refusal): 400 | 403 | 404 | 409 {
	switch (reason) {
		case 'not_found':
			return 404;
		case 'not_allowed':
		case 'own_draft':
		case 'scope_needs_admin':
		case 'ruled_by_you':
			return 403;
		case 'wrong_status':
		case 'open_dispute':
		case 'already_disputed':
		case 'too_recent':
		case 'window_closed':
		case 'stale':
		case 'unchanged':
			return 409;
		default:
			return 400;
	}
}
