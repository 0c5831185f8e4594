import { and, desc, eq, gte, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { Assessment } from '../engine/scoring';
import * as audit from './audit';
import * as criteria from './criteria';
import { getDb, type DbOrTx } from './db';
import {
	attempts,
	criteriaVersions,
	ledgerEntries,
	scenarioVersions,
	turns,
	users,
	type Attempt,
	type LedgerEntry
} from './db/schema';

const DAY = 24 * 60 * 60 * 1000;
export const PENALTY_LIFETIME_DAYS = 60;
export const OFFSET_WINDOW_DAYS = 14;

export const periodOf = (at: Date) => at.toISOString().slice(0, 7);

type TraineeTurn = { index: number; text: string | null; assessment: Assessment | null };

/**
 * Proposes the entries an ended attempt earns under the clauses in force when it ended. Practice
 * never creates entries; caps per month hold; a resolved certification reverses the penalties of
 * the same scenario from the last 14 days. Runs inside the transaction that ends the attempt.
 */
export function proposeFromAttempt(db: DbOrTx, attempt: Attempt, now = new Date()): LedgerEntry[] {
	if (attempt.mode !== 'certification' || !attempt.done || !attempt.endedAt) return [];
	const endedAt = attempt.endedAt;
	const owner = db
		.select({ role: users.role })
		.from(users)
		.where(eq(users.id, attempt.userId))
		.get();
	const version = db
		.select({ key: scenarioVersions.key })
		.from(scenarioVersions)
		.where(eq(scenarioVersions.id, attempt.scenarioVersionId))
		.get()!;
	const replies: TraineeTurn[] = db
		.select({ index: turns.index, text: turns.text, assessment: turns.assessment })
		.from(turns)
		.where(and(eq(turns.attemptId, attempt.id), eq(turns.speaker, 'trainee')))
		.all();
	const period = periodOf(endedAt);
	const created: LedgerEntry[] = [];

	for (const clause of criteria.inForce(endedAt)) {
		const doc = clause.document;
		if (!owner || !(doc.roles ?? ['trainee']).includes(owner.role)) continue;
		const evidence = triggered(db, doc.trigger, attempt, version.key, replies);
		if (!evidence) continue;
		const sameCode = db
			.select({ id: criteriaVersions.id })
			.from(criteriaVersions)
			.where(eq(criteriaVersions.code, clause.code))
			.all()
			.map((c) => c.id);
		const used = db
			.select({ id: ledgerEntries.id })
			.from(ledgerEntries)
			.where(
				and(
					eq(ledgerEntries.userId, attempt.userId),
					eq(ledgerEntries.period, period),
					inArray(ledgerEntries.criteriaVersionId, sameCode),
					ne(ledgerEntries.status, 'reversed'),
					// Reversing entries do not use up the cap.
					isNull(ledgerEntries.reversesEntryId)
				)
			)
			.all().length;
		if (used >= doc.capPerMonth) continue;
		const entry = db
			.insert(ledgerEntries)
			.values({
				userId: attempt.userId,
				criteriaVersionId: clause.id,
				kind: clause.kind,
				points: clause.kind === 'reward' ? doc.points : -doc.points,
				status: 'proposed',
				period,
				attemptId: attempt.id,
				turnIndex: evidence.turnIndex,
				quote: evidence.quote,
				decidedBy: `rule:${clause.code}@${clause.version}`,
				createdAt: now
			})
			.returning()
			.get();
		audit.append(
			db,
			`rule:${clause.code}@${clause.version}`,
			'ledger.propose',
			{ entry: entry.id, user: entry.userId, points: entry.points, attempt: attempt.id },
			now
		);
		created.push(entry);
	}

	if (attempt.outcome === 'resolved')
		created.push(...offsetPenalties(db, attempt, version.key, now));
	return created;
}

function triggered(
	db: DbOrTx,
	trigger: criteria.ClauseTrigger,
	attempt: Attempt,
	scenarioKey: string,
	replies: TraineeTurn[]
): { turnIndex: number | null; quote: string | null } | null {
	const last = replies.at(-1) ?? null;
	const lastEvidence = { turnIndex: last?.index ?? null, quote: last?.text ?? null };
	switch (trigger.type) {
		case 'certification_score_at_least':
			return (attempt.score ?? 0) >= trigger.min ? lastEvidence : null;
		case 'certification_resolved_clean': {
			const clean = replies.every(
				(r) => !r.assessment?.violations.some((v) => v.severity === 'critical')
			);
			return attempt.outcome === 'resolved' && clean ? lastEvidence : null;
		}
		case 'certification_improvement': {
			const previous = db
				.select({ score: attempts.score })
				.from(attempts)
				.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
				.where(
					and(
						eq(attempts.userId, attempt.userId),
						eq(attempts.mode, 'certification'),
						eq(attempts.done, true),
						eq(scenarioVersions.key, scenarioKey),
						ne(attempts.id, attempt.id),
						lt(attempts.endedAt, attempt.endedAt!)
					)
				)
				.orderBy(desc(attempts.endedAt))
				.limit(1)
				.get();
			return previous && (attempt.score ?? 0) >= (previous.score ?? 0) + trigger.by
				? lastEvidence
				: null;
		}
		case 'certification_critical_violation': {
			for (const r of replies) {
				const hit = r.assessment?.violations.find((v) => trigger.violations.includes(v.id));
				if (hit)
					return {
						turnIndex: r.index,
						quote: hit.evidence.map((e) => e.text).join(' … ') || r.text
					};
			}
			return null;
		}
	}
}

/** The published offset: passing the same scenario in certification within 14 days reverses its penalties. */
function offsetPenalties(
	db: DbOrTx,
	attempt: Attempt,
	scenarioKey: string,
	now: Date
): LedgerEntry[] {
	const since = new Date(attempt.endedAt!.getTime() - OFFSET_WINDOW_DAYS * DAY);
	const penalties = db
		.select({ entry: ledgerEntries })
		.from(ledgerEntries)
		.innerJoin(attempts, eq(ledgerEntries.attemptId, attempts.id))
		.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
		.where(
			and(
				eq(ledgerEntries.userId, attempt.userId),
				eq(ledgerEntries.kind, 'penalty'),
				inArray(ledgerEntries.status, ['proposed', 'confirmed']),
				eq(scenarioVersions.key, scenarioKey),
				gte(ledgerEntries.createdAt, since),
				ne(ledgerEntries.attemptId, attempt.id)
			)
		)
		.all()
		.map((r) => r.entry);
	return penalties.map((p) => reverse(db, p, `rule:offset by attempt ${attempt.id}`, now));
}

/** Reverses an entry: the original is marked reversed and a linked entry of the opposite sign added. */
export function reverse(
	db: DbOrTx,
	entry: LedgerEntry,
	decidedBy: string,
	now = new Date()
): LedgerEntry {
	db.update(ledgerEntries).set({ status: 'reversed' }).where(eq(ledgerEntries.id, entry.id)).run();
	const reversal = db
		.insert(ledgerEntries)
		.values({
			userId: entry.userId,
			criteriaVersionId: entry.criteriaVersionId,
			kind: entry.kind,
			points: -entry.points,
			status: 'confirmed',
			period: periodOf(now),
			attemptId: entry.attemptId,
			turnIndex: entry.turnIndex,
			quote: entry.quote,
			decidedBy,
			reversesEntryId: entry.id,
			createdAt: now
		})
		.returning()
		.get();
	audit.append(db, decidedBy, 'ledger.reverse', { entry: entry.id, reversal: reversal.id }, now);
	return reversal;
}

export type LedgerLine = LedgerEntry & { code: string; version: number; expired: boolean };

/** A user's ledger, newest first, with each entry's clause; penalties past 60 days show as expired. */
export function forUser(userId: number, now = new Date()): LedgerLine[] {
	return getDb()
		.select({
			entry: ledgerEntries,
			code: criteriaVersions.code,
			version: criteriaVersions.version
		})
		.from(ledgerEntries)
		.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
		.where(eq(ledgerEntries.userId, userId))
		.orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
		.all()
		.map(({ entry, code, version }) => ({
			...entry,
			code,
			version,
			expired:
				entry.kind === 'penalty' &&
				entry.points < 0 &&
				now.getTime() - entry.createdAt.getTime() > PENALTY_LIFETIME_DAYS * DAY
		}));
}

/** Points that count: everything not reversed and not expired (a reversal cancels its original). */
export function balance(lines: LedgerLine[]): number {
	return lines
		.filter((l) => l.status !== 'reversed' && !l.reversesEntryId && !l.expired)
		.reduce((n, l) => n + l.points, 0);
}
