import type { ChangeRefusal } from '../../engine/scoring/rubric-changes';
import type { Problem } from '../../engine/source';

export type Refusal =
	| 'not_found'
	| 'not_allowed'
	| 'stale'
	| 'closed'
	| 'invalid_change'
	| 'does_not_load'
	| 'no_change'
	| 'outdated_base'
	| 'no_sets';

/** Something a rubric draft cannot do; `change` and `problems` say what exactly, when it helps. */
export class RubricDraftRefused extends Error {
	constructor(
		readonly reason: Refusal,
		readonly detail: { change?: ChangeRefusal; problems?: Problem[] } = {}
	) {
		super(reason);
	}
}

export function refusalStatus(reason: Refusal): 400 | 403 | 404 | 409 | 503 {
	switch (reason) {
		case 'not_found':
			return 404;
		case 'not_allowed':
			return 403;
		case 'invalid_change':
		case 'does_not_load':
			return 400;
		case 'no_sets':
			return 503;
		default:
			return 409;
	}
}
