/**
 * The lifecycle of ledger entries and of disputes, as transition tables: for each status, the
 * events it accepts, the status they lead to, who may send them and what must hold. Every ledger
 * operation asks `step` before it writes anything, so no rule lives in an `if` elsewhere.
 */
import type { ClauseKind } from './schema';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DISPUTE_WINDOW_DAYS = 7;
export const AUTO_CONFIRM_DAYS = 7;
export const RULING_WORKING_DAYS = 5;

/** How the actor stands to the entry's owner (see server/access.ts). */
export type Relation = 'owner' | 'manager' | 'admin' | 'system' | 'none';

/** Every reason an operation can be refused; each has a message in both languages. */
export const refusals = [
	'not_found',
	'not_allowed',
	'wrong_status',
	'open_dispute',
	'too_recent',
	'not_a_reward',
	'not_a_penalty',
	'correction',
	'window_closed',
	'already_disputed',
	'ruled_by_you',
	'bad_points',
	'reason_required',
	'own_draft',
	'scope_needs_admin',
	'unchanged',
	'stale',
	'invalid'
] as const;
export type Refusal = (typeof refusals)[number];

export type Outcome<S> = { ok: true; to: S } | { ok: false; reason: Refusal };

type Guard<C> = (context: C) => Refusal | null;
type Rule<S extends string, C, R extends string = Relation> = {
	to: S;
	by: readonly R[];
	when?: readonly Guard<C>[];
};
export type Table<S extends string, E extends string, C, R extends string = Relation> = Record<
	S,
	Partial<Record<E, Rule<S, C, R>>>
>;

/** Asks a table whether `event` may happen now; the first reason it may not, otherwise the next status. */
export function step<S extends string, E extends string, C, R extends string>(
	table: Table<S, E, C, R>,
	from: S,
	event: E,
	relation: R | 'none',
	context: C
): Outcome<S> {
	// Outside one's scope the record does not exist, whatever its status.
	if (relation === 'none') return { ok: false, reason: 'not_found' };
	const rule = table[from][event];
	if (!rule) return { ok: false, reason: 'wrong_status' };
	if (!rule.by.includes(relation as R)) return { ok: false, reason: 'not_allowed' };
	for (const guard of rule.when ?? []) {
		const refusal = guard(context);
		if (refusal) return { ok: false, reason: refusal };
	}
	return { ok: true, to: rule.to };
}

/** The events a status accepts from someone standing in `relation`: what the pages offer. */
export function offered<S extends string, E extends string, C, R extends string>(
	table: Table<S, E, C, R>,
	from: S,
	relation: R | 'none',
	context: C
): E[] {
	return (Object.keys(table[from]) as E[]).filter(
		(event) => step(table, from, event, relation, context).ok
	);
}

// ---------------------------------------------------------------------------------------------
// Ledger entries

/**
 * An entry held for a person's review (an automatic finding not yet proven, or an uncertain one)
 * is `awaiting_review`: listed, not counted, not disputable. A reviewer approves it (it becomes
 * proposed) or dismisses it (it closes with no points).
 */
export const entryStatuses = [
	'awaiting_review',
	'proposed',
	'confirmed',
	'paid',
	'reversed',
	'dismissed'
] as const;
export type EntryStatus = (typeof entryStatuses)[number];
export const entryEvents = [
	'approve',
	'dismiss',
	'confirm',
	'autoConfirm',
	'pay',
	'reverse',
	'dispute'
] as const;
export type EntryEvent = (typeof entryEvents)[number];

export type EntryContext = {
	kind: ClauseKind;
	/** A reversing entry is a correction of another; it is final and nothing acts on it. */
	correction: boolean;
	createdAt: Date;
	/** The entry has a dispute still waiting for its ruling. */
	openDispute: boolean;
	/** The entry was disputed once already, or is itself the result of a ruling. */
	disputed: boolean;
	now: Date;
};

const original: Guard<EntryContext> = (c) => (c.correction ? 'correction' : null);
const noOpenDispute: Guard<EntryContext> = (c) => (c.openDispute ? 'open_dispute' : null);
const reward: Guard<EntryContext> = (c) => (c.kind === 'reward' ? null : 'not_a_reward');
const penalty: Guard<EntryContext> = (c) => (c.kind === 'penalty' ? null : 'not_a_penalty');
const settledFor =
	(days: number): Guard<EntryContext> =>
	(c) =>
		c.now.getTime() - c.createdAt.getTime() >= days * DAY_MS ? null : 'too_recent';
const withinDisputeWindow: Guard<EntryContext> = (c) =>
	c.now.getTime() - c.createdAt.getTime() <= DISPUTE_WINDOW_DAYS * DAY_MS ? null : 'window_closed';
const notDisputed: Guard<EntryContext> = (c) => (c.disputed ? 'already_disputed' : null);

const people = ['manager', 'admin'] as const;
const disputeRule = <S extends EntryStatus>(to: S): Rule<EntryStatus, EntryContext> => ({
	to,
	by: ['owner'],
	when: [original, penalty, notDisputed, withinDisputeWindow]
});
const reverseRule: Rule<EntryStatus, EntryContext> = {
	to: 'reversed',
	by: [...people, 'system'],
	when: [original]
};

export const entryTable: Table<EntryStatus, EntryEvent, EntryContext> = {
	awaiting_review: {
		approve: { to: 'proposed', by: people, when: [original] },
		dismiss: { to: 'dismissed', by: people, when: [original] }
	},
	proposed: {
		confirm: { to: 'confirmed', by: people, when: [original, noOpenDispute] },
		autoConfirm: {
			to: 'confirmed',
			by: ['system'],
			when: [original, noOpenDispute, settledFor(AUTO_CONFIRM_DAYS)]
		},
		reverse: reverseRule,
		dispute: disputeRule('proposed')
	},
	confirmed: {
		pay: { to: 'paid', by: people, when: [original, reward] },
		reverse: reverseRule,
		dispute: disputeRule('confirmed')
	},
	paid: {},
	reversed: {},
	dismissed: {}
};

export const stepEntry = (
	from: EntryStatus,
	event: EntryEvent,
	relation: Relation,
	context: EntryContext
) => step(entryTable, from, event, relation, context);

// ---------------------------------------------------------------------------------------------
// Disputes: the supervisor's ruling, then at most one final ruling by an admin

export const disputeStates = [
	'open',
	'accepted',
	'partial',
	'rejected',
	'upheld',
	'overturned'
] as const;
export type DisputeState = (typeof disputeStates)[number];
export const disputeEvents = ['accept', 'partlyAccept', 'reject', 'uphold', 'overturn'] as const;
export type DisputeEvent = (typeof disputeEvents)[number];

export type DisputeContext = {
	actorId: number | null;
	ruledBy: number | null;
	reason: string;
	/** For a partial ruling: the original's points and the ones proposed instead. */
	points?: { original: number; proposed: number };
};

const reasoned: Guard<DisputeContext> = (c) =>
	c.reason.trim().length > 0 ? null : 'reason_required';
const notTheFirstJudge: Guard<DisputeContext> = (c) =>
	c.actorId !== null && c.actorId === c.ruledBy ? 'ruled_by_you' : null;
const smallerSameSign: Guard<DisputeContext> = (c) =>
	c.points && isPartialPoints(c.points.original, c.points.proposed) ? null : 'bad_points';

/** A partly accepted dispute keeps the original's sign and is strictly smaller in size. */
export function isPartialPoints(original: number, proposed: number): boolean {
	return (
		Number.isSafeInteger(proposed) &&
		proposed !== 0 &&
		Math.sign(proposed) === Math.sign(original) &&
		Math.abs(proposed) < Math.abs(original)
	);
}

const ruling = ['manager', 'admin'] as const;
const finalRule = (to: DisputeState): Rule<DisputeState, DisputeContext> => ({
	to,
	by: ['admin'],
	when: [reasoned, notTheFirstJudge]
});

export const disputeTable: Table<DisputeState, DisputeEvent, DisputeContext> = {
	open: {
		accept: { to: 'accepted', by: ruling, when: [reasoned] },
		partlyAccept: { to: 'partial', by: ruling, when: [reasoned, smallerSameSign] },
		reject: { to: 'rejected', by: ruling, when: [reasoned] }
	},
	// Nothing is left to appeal once the employee's dispute was accepted in full.
	accepted: {},
	partial: { uphold: finalRule('upheld'), overturn: finalRule('overturned') },
	rejected: { uphold: finalRule('upheld'), overturn: finalRule('overturned') },
	upheld: {},
	overturned: {}
};

export const stepDispute = (
	from: DisputeState,
	event: DisputeEvent,
	relation: Relation,
	context: DisputeContext
) => step(disputeTable, from, event, relation, context);

/** The state of a stored dispute: its final ruling when there is one, else the supervisor's. */
export function disputeState(d: {
	status: 'open' | 'accepted' | 'partial' | 'rejected';
	finalDecision: 'upheld' | 'overturned' | null;
}): DisputeState {
	return d.finalDecision ?? d.status;
}

/** Working days (Monday to Friday) after `from` up to `to`, counted on the calendar of `dayOf`. */
export function workingDaysBetween(
	from: Date,
	to: Date,
	weekday: (at: Date) => number = (at) => at.getUTCDay()
): number {
	let days = 0;
	for (let t = from.getTime() + DAY_MS; t <= to.getTime(); t += DAY_MS) {
		const day = weekday(new Date(t));
		if (day !== 0 && day !== 6) days++;
	}
	return days;
}
