import { describe, expect, it } from 'vitest';
import {
	DAY_MS,
	disputeEvents,
	disputeStates,
	entryEvents,
	entryStatuses,
	isPartialPoints,
	stepDispute,
	stepEntry,
	workingDaysBetween,
	type DisputeContext,
	type EntryContext,
	type Relation
} from './lifecycle';

const relations: Relation[] = ['owner', 'manager', 'admin', 'system', 'none'];
const now = new Date('2026-11-20T10:00:00Z');

/** A context in which every guard of the entry table holds for `event`. */
function fits(event: string, overrides: Partial<EntryContext> = {}): EntryContext {
	return {
		kind: event === 'pay' ? 'reward' : 'penalty',
		correction: false,
		createdAt: new Date(now.getTime() - (event === 'autoConfirm' ? 8 : 1) * DAY_MS),
		openDispute: false,
		disputed: false,
		now,
		...overrides
	};
}

/** Every transition the entry table allows, and who may send it: anything else is refused. */
const allowedEntry: Record<string, Relation[]> = {
	// A held entry is settled by a reviewer who manages its owner; nobody disputes or pays it yet.
	'awaiting_review/approve': ['manager', 'admin'],
	'awaiting_review/dismiss': ['manager', 'admin'],
	'proposed/confirm': ['manager', 'admin'],
	'proposed/autoConfirm': ['system'],
	'proposed/reverse': ['manager', 'admin', 'system'],
	'proposed/dispute': ['owner'],
	'confirmed/pay': ['manager', 'admin'],
	'confirmed/reverse': ['manager', 'admin', 'system'],
	'confirmed/dispute': ['owner']
};
const entryTarget: Record<string, string> = {
	approve: 'proposed',
	dismiss: 'dismissed',
	confirm: 'confirmed',
	autoConfirm: 'confirmed',
	reverse: 'reversed',
	pay: 'paid'
};

describe('the ledger entry lifecycle', () => {
	for (const status of entryStatuses)
		for (const event of entryEvents)
			for (const relation of relations) {
				const allowed = allowedEntry[`${status}/${event}`]?.includes(relation) ?? false;
				it(`${status} + ${event} by ${relation}: ${allowed ? 'allowed' : 'refused'}`, () => {
					const outcome = stepEntry(status, event, relation, fits(event));
					if (allowed) {
						expect(outcome).toEqual({ ok: true, to: entryTarget[event] ?? status });
					} else {
						expect(outcome.ok).toBe(false);
						if (!outcome.ok && relation === 'none') expect(outcome.reason).toBe('not_found');
					}
				});
			}

	it.each([
		['confirm', 'manager', { openDispute: true }, 'open_dispute'],
		['confirm', 'admin', { correction: true }, 'correction'],
		['autoConfirm', 'system', { openDispute: true }, 'open_dispute'],
		['autoConfirm', 'system', { createdAt: new Date(now.getTime() - 6 * DAY_MS) }, 'too_recent'],
		['dispute', 'owner', { kind: 'reward' }, 'not_a_penalty'],
		['dispute', 'owner', { disputed: true }, 'already_disputed'],
		['dispute', 'owner', { correction: true }, 'correction'],
		['dispute', 'owner', { createdAt: new Date(now.getTime() - 8 * DAY_MS) }, 'window_closed'],
		['reverse', 'system', { correction: true }, 'correction']
	] as const)('proposed + %s by %s is refused when %o: %s', (event, relation, ctx, reason) => {
		expect(stepEntry('proposed', event, relation, fits(event, ctx))).toEqual({ ok: false, reason });
	});

	it('pays neither a penalty nor a correction', () => {
		expect(stepEntry('confirmed', 'pay', 'admin', fits('pay', { kind: 'penalty' }))).toEqual({
			ok: false,
			reason: 'not_a_reward'
		});
		expect(stepEntry('confirmed', 'pay', 'admin', fits('pay', { correction: true }))).toEqual({
			ok: false,
			reason: 'correction'
		});
	});

	it('accepts the last moment of the dispute window and auto-confirms on the 7th day', () => {
		const edge = fits('dispute', { createdAt: new Date(now.getTime() - 7 * DAY_MS) });
		expect(stepEntry('proposed', 'dispute', 'owner', edge).ok).toBe(true);
		expect(stepEntry('proposed', 'autoConfirm', 'system', edge).ok).toBe(true);
	});
});

const disputeContext = (overrides: Partial<DisputeContext> = {}): DisputeContext => ({
	actorId: 1,
	ruledBy: 2,
	reason: 'Because the words were quoted.',
	points: { original: -10, proposed: -5 },
	...overrides
});

const allowedDispute: Record<string, Relation[]> = {
	'open/accept': ['manager', 'admin'],
	'open/partlyAccept': ['manager', 'admin'],
	'open/reject': ['manager', 'admin'],
	'partial/uphold': ['admin'],
	'partial/overturn': ['admin'],
	'rejected/uphold': ['admin'],
	'rejected/overturn': ['admin']
};
const disputeTarget: Record<string, string> = {
	accept: 'accepted',
	partlyAccept: 'partial',
	reject: 'rejected',
	uphold: 'upheld',
	overturn: 'overturned'
};

describe('the dispute lifecycle', () => {
	for (const state of disputeStates)
		for (const event of disputeEvents)
			for (const relation of relations) {
				const allowed = allowedDispute[`${state}/${event}`]?.includes(relation) ?? false;
				it(`${state} + ${event} by ${relation}: ${allowed ? 'allowed' : 'refused'}`, () => {
					const outcome = stepDispute(state, event, relation, disputeContext());
					expect(outcome).toEqual(
						allowed
							? { ok: true, to: disputeTarget[event] }
							: expect.objectContaining({ ok: false })
					);
				});
			}

	it.each([
		['open', 'accept', { reason: '  ' }, 'reason_required'],
		['open', 'reject', { reason: '' }, 'reason_required'],
		['open', 'partlyAccept', { points: { original: -10, proposed: 500 } }, 'bad_points'],
		['open', 'partlyAccept', { points: { original: -10, proposed: -10 } }, 'bad_points'],
		['open', 'partlyAccept', { points: undefined }, 'bad_points'],
		['rejected', 'uphold', { actorId: 2, ruledBy: 2 }, 'ruled_by_you'],
		['partial', 'overturn', { reason: '' }, 'reason_required']
	] as const)('%s + %s with %o is refused: %s', (state, event, ctx, reason) => {
		expect(stepDispute(state, event, 'admin', disputeContext(ctx))).toEqual({ ok: false, reason });
	});

	it('bounds a partial ruling: same sign, strictly smaller, whole and not zero', () => {
		expect(isPartialPoints(-10, -5)).toBe(true);
		expect(isPartialPoints(-10, -9)).toBe(true);
		expect(isPartialPoints(20, 5)).toBe(true);
		for (const bad of [-10, -11, 0, 5, 500, -1_000_000, NaN, -2.5, Infinity])
			expect(isPartialPoints(-10, bad)).toBe(false);
		expect(isPartialPoints(-1, 0)).toBe(false);
	});
});

describe('working days', () => {
	it('counts Monday to Friday', () => {
		expect(
			workingDaysBetween(new Date('2026-11-20T10:00:00Z'), new Date('2026-11-27T10:00:00Z'))
		).toBe(5);
	});
});
