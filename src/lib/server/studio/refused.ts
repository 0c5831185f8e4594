import type { Problem } from '../../engine/source';

/** Every reason a studio action can be refused; each has a message in both languages. */
export const studioRefusals = [
	'not_found',
	'not_allowed',
	'stale',
	'discarded',
	'invalid',
	'no_template'
] as const;
export type StudioRefusal = (typeof studioRefusals)[number];

/** Who saved a draft last, for the message a stale save gets. */
export type LastSave = { by: string; at: Date; revision: number };

/** Something the studio does not allow: `reason` says which; `problems` or `lastSave` say more. */
export class StudioRefused extends Error {
	constructor(
		readonly reason: StudioRefusal,
		readonly detail: { problems?: Problem[]; lastSave?: LastSave } = {}
	) {
		super(reason);
	}
}

/** Out of scope 404, not one's role 403, overtaken by another save 409, bad content 400. */
export function studioStatus(reason: StudioRefusal): 400 | 403 | 404 | 409 {
	switch (reason) {
		case 'not_found':
			return 404;
		case 'not_allowed':
			return 403;
		case 'stale':
		case 'discarded':
			return 409;
		default:
			return 400;
	}
}
