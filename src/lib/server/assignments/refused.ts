import { m } from '../../paraglide/messages';

/** Every reason an assignment action can be refused; each has a message in both languages. */
export const assignmentRefusals = [
	'not_allowed',
	'not_found',
	'unknown_scenario',
	'not_a_trainee',
	'team_empty',
	'due_past',
	'due_not_later',
	'withdrawn',
	'completed'
] as const;
export type AssignmentRefusal = (typeof assignmentRefusals)[number];

/** Something the assignment rules do not allow: `reason` says which. */
export class AssignmentRefused extends Error {
	constructor(readonly reason: AssignmentRefusal) {
		super(reason);
	}
}

/** The input field a refusal is about, so forms and the API can show it beside that field. */
const fieldOf: Partial<Record<AssignmentRefusal, string>> = {
	unknown_scenario: 'scenario',
	not_a_trainee: 'userIds',
	team_empty: 'teamId',
	due_past: 'dueAt',
	due_not_later: 'dueAt'
};

const messages: Record<AssignmentRefusal, () => string> = {
	not_allowed: m.assign_refused_not_allowed,
	not_found: m.assign_refused_not_found,
	unknown_scenario: m.assign_refused_unknown_scenario,
	not_a_trainee: m.assign_refused_not_a_trainee,
	team_empty: m.assign_refused_team_empty,
	due_past: m.assign_refused_due_past,
	due_not_later: m.assign_refused_due_not_later,
	withdrawn: m.assign_refused_withdrawn,
	completed: m.assign_refused_completed
};

/**
 * The answer to a refusal: outside one's scope 403, no such assignment 404, already withdrawn or
 * completed 409, bad input 400 (with the field it is about). Null for any other error.
 */
export function assignmentFailure(e: unknown): {
	status: 400 | 403 | 404 | 409;
	error: string;
	message: string;
	field?: string;
} | null {
	if (!(e instanceof AssignmentRefused)) return null;
	const message = messages[e.reason]();
	const field = fieldOf[e.reason];
	if (field) return { status: 400, error: 'bad_request', message, field };
	const status = e.reason === 'not_allowed' ? 403 : e.reason === 'not_found' ? 404 : 409;
	return { status, error: e.reason, message };
}
