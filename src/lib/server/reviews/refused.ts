/** Every reason a review or calibration action can be refused; each has a message in both languages. */
export const reviewRefusals = [
	'not_found',
	'not_allowed',
	'not_finished',
	'already_reviewed',
	'incomplete',
	'reason_required',
	'already_answered',
	'not_a_grader',
	'session_closed',
	'no_items',
	'ties',
	'no_graders'
] as const;
export type ReviewRefusal = (typeof reviewRefusals)[number];

/** Something review or calibration does not allow: `reason` says which; `detail` may list items. */
export class ReviewRefused extends Error {
	constructor(
		readonly reason: ReviewRefusal,
		readonly detail: Record<string, unknown> = {}
	) {
		super(reason);
	}
}

/** Out of scope 404, not one's role 403, already done or no longer possible 409, bad input 400. */
export function reviewStatus(reason: ReviewRefusal): 400 | 403 | 404 | 409 {
	switch (reason) {
		case 'not_found':
			return 404;
		case 'not_allowed':
		case 'not_a_grader':
			return 403;
		case 'already_reviewed':
		case 'already_answered':
		case 'session_closed':
		case 'not_finished':
		case 'ties':
			return 409;
		default:
			return 400;
	}
}
