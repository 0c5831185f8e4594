import { m } from '$lib/paraglide/messages';
import type { LineView } from '$lib/server/ledger/view';

/** One row of a ledger as the pages show it (see server/ledger/view.ts). */
export type Line = LineView;

export const entryStatusLabel: Record<Line['status'], () => string> = {
	awaiting_review: m.ledger_status_awaiting_review,
	dismissed: m.ledger_status_dismissed,
	proposed: m.ledger_status_proposed,
	confirmed: m.ledger_status_confirmed,
	reversed: m.ledger_status_reversed,
	paid: m.ledger_status_paid
};

export const disputeStateLabel: Record<NonNullable<Line['dispute']>['state'], () => string> = {
	open: m.dispute_state_open,
	accepted: m.dispute_state_accepted,
	partial: m.dispute_state_partial,
	rejected: m.dispute_state_rejected,
	upheld: m.dispute_state_upheld,
	overturned: m.dispute_state_overturned
};
