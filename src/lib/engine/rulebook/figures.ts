import { DAY_MS, disputeState, type EntryStatus } from './lifecycle';

export const PENALTY_LIFETIME_DAYS = 60;
export const OFFSET_WINDOW_DAYS = 14;

export type CountableLine = {
	kind: 'reward' | 'penalty';
	points: number;
	status: EntryStatus;
	reversesEntryId: number | null;
	createdAt: Date;
};

/** A penalty stops counting 60 days after it was proposed. */
export const isExpired = (line: CountableLine, now: Date) =>
	line.kind === 'penalty' &&
	line.points < 0 &&
	now.getTime() - line.createdAt.getTime() > PENALTY_LIFETIME_DAYS * DAY_MS;

/** Statuses whose points never count: held for review, dismissed by a reviewer, or reversed. */
const notCounted = new Set<EntryStatus>(['awaiting_review', 'dismissed', 'reversed']);

/**
 * Whether an entry counts in the balance: not held or dismissed, not reversed, not itself a
 * reversal (the pair cancels out and is kept only as the record of the correction), not expired.
 */
export const counts = (line: CountableLine, now: Date) =>
	!notCounted.has(line.status) && line.reversesEntryId === null && !isExpired(line, now);

export function balance(lines: CountableLine[], now: Date): number {
	return lines.filter((l) => counts(l, now)).reduce((n, l) => n + l.points, 0);
}

export type HealthRow = {
	id: number;
	code: string;
	kind: 'reward' | 'penalty';
	status: EntryStatus;
};
export type HealthDispute = {
	entryId: number;
	status: 'open' | 'accepted' | 'partial' | 'rejected';
	finalDecision: 'upheld' | 'overturned' | null;
	overdue: boolean;
};

/** The seeds' own tests of a fair system, for a set of original entries of one month. */
export function health(rows: HealthRow[], disputes: HealthDispute[]) {
	const rewards = rows.filter((r) => r.kind === 'reward');
	const penalties = rows.filter((r) => r.kind === 'penalty');
	const owed = rewards.filter((r) => r.status === 'confirmed' || r.status === 'paid');
	const paid = rewards.filter((r) => r.status === 'paid');
	const codes = [...new Set(rows.map((r) => r.code))].sort();
	const won = (d: HealthDispute) => {
		const state = disputeState(d);
		return (
			state === 'accepted' ||
			state === 'partial' ||
			(state === 'overturned' && d.status === 'rejected')
		);
	};
	return {
		entries: rows.length,
		overdueDisputes: disputes.filter((d) => d.overdue).length,
		rewards: rewards.length,
		penalties: penalties.length,
		/** Whether the month gave more rewards than penalties; null when it gave neither. */
		moreRewardsThanPenalties: rows.length === 0 ? null : rewards.length > penalties.length,
		honourRate: owed.length === 0 ? null : paid.length / owed.length,
		clauses: codes.map((code) => {
			const entries = rows.filter((r) => r.code === code);
			const ds = disputes.filter((d) => entries.some((e) => e.id === d.entryId));
			const overturned = ds.filter(won);
			const overturnRate = ds.length === 0 ? 0 : overturned.length / ds.length;
			return {
				code,
				kind: entries[0].kind,
				entries: entries.length,
				disputeRate: entries.length === 0 ? 0 : ds.length / entries.length,
				overturnRate,
				unclear: ds.length >= 2 && overturnRate >= 0.5
			};
		})
	};
}
export type Health = ReturnType<typeof health>;
