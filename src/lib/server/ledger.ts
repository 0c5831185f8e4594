import { and, desc, eq, gte, inArray, isNull, lt, lte, ne } from 'drizzle-orm';
import type { Assessment } from '../engine/scoring';
import * as audit from './audit';
import * as criteria from './criteria';
import { getDb, type DbOrTx } from './db';
import {
	assignments,
	attempts,
	criteriaVersions,
	disputes,
	ledgerEntries,
	scenarioVersions,
	teams,
	turns,
	users,
	type Attempt,
	type Dispute,
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
		.select({ role: users.role, team: teams.name })
		.from(users)
		.leftJoin(teams, eq(users.teamId, teams.id))
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
		if (doc.teams && !(owner.team && doc.teams.includes(owner.team))) continue;
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
		case 'period_assignments_on_time':
			return null; // judged when the month closes, not when an attempt ends
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

export const DISPUTE_WINDOW_DAYS = 7;
export const AUTO_CONFIRM_DAYS = 7;
export const RULING_DAYS = 5;

/** Something the rules do not allow: the message says why, for the person who tried. */
export class LedgerRefused extends Error {
	constructor(
		readonly reason:
			| 'not_found'
			| 'not_yours'
			| 'window_closed'
			| 'already_disputed'
			| 'wrong_status'
			| 'already_final'
	) {
		super(reason);
	}
}

function entryFor(db: DbOrTx, entryId: number) {
	const entry = db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId)).get();
	if (!entry) throw new LedgerRefused('not_found');
	return entry;
}

/** The supervisor confirms a proposed entry. */
export function confirm(actorId: number, entryId: number, now = new Date()) {
	getDb().transaction((tx) => {
		const entry = entryFor(tx, entryId);
		if (entry.status !== 'proposed') throw new LedgerRefused('wrong_status');
		const open = tx
			.select({ id: disputes.id })
			.from(disputes)
			.where(and(eq(disputes.entryId, entryId), eq(disputes.status, 'open')))
			.get();
		if (open) throw new LedgerRefused('already_disputed');
		tx.update(ledgerEntries)
			.set({ status: 'confirmed' })
			.where(eq(ledgerEntries.id, entryId))
			.run();
		audit.append(tx, `user:${actorId}`, 'ledger.confirm', { entry: entryId }, now);
	});
}

/** Proposed entries nobody disputed within the published days confirm themselves. */
export function autoConfirm(now = new Date()): number {
	const before = new Date(now.getTime() - AUTO_CONFIRM_DAYS * DAY);
	let count = 0;
	getDb().transaction((tx) => {
		const due = tx
			.select({ id: ledgerEntries.id })
			.from(ledgerEntries)
			.leftJoin(disputes, eq(disputes.entryId, ledgerEntries.id))
			.where(
				and(
					eq(ledgerEntries.status, 'proposed'),
					lt(ledgerEntries.createdAt, before),
					isNull(disputes.id)
				)
			)
			.all();
		for (const { id } of due) {
			tx.update(ledgerEntries).set({ status: 'confirmed' }).where(eq(ledgerEntries.id, id)).run();
			audit.append(
				tx,
				`rule:auto-confirm after ${AUTO_CONFIRM_DAYS} days`,
				'ledger.confirm',
				{ entry: id },
				now
			);
			count++;
		}
	});
	return count;
}

/** A confirmed reward is paid (for payroll). */
export function markPaid(actorId: number, entryId: number, now = new Date()) {
	getDb().transaction((tx) => {
		const entry = entryFor(tx, entryId);
		if (entry.status !== 'confirmed' || entry.points <= 0 || entry.reversesEntryId)
			throw new LedgerRefused('wrong_status');
		tx.update(ledgerEntries).set({ status: 'paid' }).where(eq(ledgerEntries.id, entryId)).run();
		audit.append(
			tx,
			`user:${actorId}`,
			'ledger.pay',
			{ entry: entryId, points: entry.points },
			now
		);
	});
}

/** The employee disputes one of their entries, with a written reason, within the published days. */
export function dispute(
	userId: number,
	entryId: number,
	reason: string,
	now = new Date()
): Dispute {
	return getDb().transaction((tx) => {
		const entry = entryFor(tx, entryId);
		if (entry.userId !== userId) throw new LedgerRefused('not_yours');
		if (entry.status === 'reversed' || entry.reversesEntryId)
			throw new LedgerRefused('wrong_status');
		if (now.getTime() - entry.createdAt.getTime() > DISPUTE_WINDOW_DAYS * DAY)
			throw new LedgerRefused('window_closed');
		if (tx.select({ id: disputes.id }).from(disputes).where(eq(disputes.entryId, entryId)).get()) {
			throw new LedgerRefused('already_disputed');
		}
		const row = tx
			.insert(disputes)
			.values({ entryId, userId, reason, openedAt: now, status: 'open' })
			.returning()
			.get();
		audit.append(
			tx,
			`user:${userId}`,
			'ledger.dispute',
			{ dispute: row.id, entry: entryId, reason },
			now
		);
		return row;
	});
}

/**
 * The supervisor rules, in writing: accept (the entry is reversed), partly accept (reversed and
 * replaced by an entry of `points`), or reject.
 */
export function rule(
	supervisorId: number,
	disputeId: number,
	decision: 'accepted' | 'partial' | 'rejected',
	reason: string,
	points?: number,
	now = new Date()
) {
	getDb().transaction((tx) => {
		const d = tx.select().from(disputes).where(eq(disputes.id, disputeId)).get();
		if (!d) throw new LedgerRefused('not_found');
		if (d.status !== 'open') throw new LedgerRefused('wrong_status');
		const entry = entryFor(tx, d.entryId);
		const decidedBy = `user:${supervisorId} (dispute ${disputeId})`;
		if (decision !== 'rejected') reverse(tx, entry, decidedBy, now);
		if (decision === 'partial') {
			const adjusted = tx
				.insert(ledgerEntries)
				.values({
					...entry,
					id: undefined,
					points: points ?? 0,
					status: 'confirmed',
					decidedBy,
					reversesEntryId: null,
					createdAt: now,
					period: periodOf(now)
				})
				.returning()
				.get();
			audit.append(
				tx,
				decidedBy,
				'ledger.adjust',
				{ entry: entry.id, replacement: adjusted.id, points: adjusted.points },
				now
			);
		}
		tx.update(disputes)
			.set({ status: decision, ruledBy: supervisorId, ruling: reason, ruledAt: now })
			.where(eq(disputes.id, disputeId))
			.run();
		audit.append(
			tx,
			`user:${supervisorId}`,
			'ledger.ruling',
			{ dispute: disputeId, decision, reason },
			now
		);
	});
}

/** One final ruling by an admin: upholding the supervisor, or overturning a rejection (reversal). */
export function finalRuling(
	adminId: number,
	disputeId: number,
	decision: 'upheld' | 'overturned',
	reason: string,
	now = new Date()
) {
	getDb().transaction((tx) => {
		const d = tx.select().from(disputes).where(eq(disputes.id, disputeId)).get();
		if (!d) throw new LedgerRefused('not_found');
		if (d.status === 'open') throw new LedgerRefused('wrong_status');
		if (d.finalAt) throw new LedgerRefused('already_final');
		if (decision === 'overturned' && d.status === 'rejected') {
			reverse(
				tx,
				entryFor(tx, d.entryId),
				`user:${adminId} (final ruling on dispute ${disputeId})`,
				now
			);
		}
		tx.update(disputes)
			.set({ finalBy: adminId, finalDecision: decision, finalRuling: reason, finalAt: now })
			.where(eq(disputes.id, disputeId))
			.run();
		audit.append(
			tx,
			`user:${adminId}`,
			'ledger.final_ruling',
			{ dispute: disputeId, decision, reason },
			now
		);
	});
}

export function disputesFor(entryIds: number[]): Dispute[] {
	return entryIds.length === 0
		? []
		: getDb().select().from(disputes).where(inArray(disputes.entryId, entryIds)).all();
}

/** The seeds' own tests of a fair system, for a set of people and a month. */
export function health(userIds: number[], period: string) {
	const rows =
		userIds.length === 0
			? []
			: getDb()
					.select({ entry: ledgerEntries, code: criteriaVersions.code })
					.from(ledgerEntries)
					.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
					.where(
						and(
							inArray(ledgerEntries.userId, userIds),
							eq(ledgerEntries.period, period),
							isNull(ledgerEntries.reversesEntryId)
						)
					)
					.all();
	const found = disputesFor(rows.map((r) => r.entry.id));
	const rewards = rows.filter((r) => r.entry.kind === 'reward');
	const penalties = rows.filter((r) => r.entry.kind === 'penalty');
	const owed = rewards.filter((r) => r.entry.status === 'confirmed' || r.entry.status === 'paid');
	const paid = rewards.filter((r) => r.entry.status === 'paid');
	const codes = [...new Set(rows.map((r) => r.code))].sort();
	return {
		overdueDisputes: found.filter((d) => rulingOverdue(d)).length,
		rewards: rewards.length,
		penalties: penalties.length,
		moreRewardsThanPenalties: rewards.length > penalties.length,
		honourRate: owed.length === 0 ? null : paid.length / owed.length,
		clauses: codes.map((code) => {
			const entries = rows.filter((r) => r.code === code);
			const ds = found.filter((d) => entries.some((e) => e.entry.id === d.entryId));
			const overturned = ds.filter(
				(d) => d.status === 'accepted' || d.status === 'partial' || d.finalDecision === 'overturned'
			);
			const overturnRate = ds.length === 0 ? 0 : overturned.length / ds.length;
			return {
				code,
				entries: entries.length,
				disputeRate: entries.length === 0 ? 0 : ds.length / entries.length,
				overturnRate,
				unclear: ds.length >= 2 && overturnRate >= 0.5
			};
		})
	};
}

/** The ledger of a month as CSV, for payroll: one row per entry, quotes escaped. */
export function csv(userIds: number[], period: string): string {
	const cell = (v: unknown) => {
		const text = v === null || v === undefined ? '' : String(v);
		// A leading =, +, - or @ would run as a formula in a spreadsheet.
		const safe = /^[=+\-@]/.test(text) && !/^-?\d+$/.test(text) ? `'${text}` : text;
		return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	const rows =
		userIds.length === 0
			? []
			: getDb()
					.select({
						entry: ledgerEntries,
						code: criteriaVersions.code,
						version: criteriaVersions.version,
						username: users.username
					})
					.from(ledgerEntries)
					.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
					.innerJoin(users, eq(ledgerEntries.userId, users.id))
					.where(and(inArray(ledgerEntries.userId, userIds), eq(ledgerEntries.period, period)))
					.orderBy(ledgerEntries.id)
					.all();
	const header = [
		'entry',
		'user',
		'clause',
		'kind',
		'points',
		'status',
		'attempt',
		'turn',
		'quote',
		'reverses',
		'decided_by',
		'created_at'
	];
	const lines = rows.map(({ entry: e, code, version, username }) =>
		[
			e.id,
			username,
			`${code}@${version}`,
			e.kind,
			e.points,
			e.status,
			e.attemptId,
			e.turnIndex,
			e.quote,
			e.reversesEntryId,
			e.decidedBy,
			e.createdAt.toISOString()
		]
			.map(cell)
			.join(',')
	);
	return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Working days (Monday to Friday) from one moment to another. */
export function workingDaysBetween(from: Date, to: Date): number {
	let days = 0;
	for (let t = from.getTime() + DAY; t <= to.getTime(); t += DAY) {
		const weekday = new Date(t).getUTCDay();
		if (weekday !== 0 && weekday !== 6) days++;
	}
	return days;
}

/** An open dispute whose supervisor has let the published time limit pass. */
export const rulingOverdue = (d: Dispute, now = new Date()) =>
	d.status === 'open' && workingDaysBetween(d.openedAt, now) > RULING_DAYS;

/**
 * Closes a month: each employee whose assignments due that month were all completed before their
 * due date earns the month-end clauses in force at the month's end. Safe to run again.
 */
export function closePeriod(period: string, now = new Date()): LedgerEntry[] {
	const start = new Date(`${period}-01T00:00:00Z`);
	const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
	if (now < end) return [];
	const clauses = criteria
		.inForce(new Date(end.getTime() - 1))
		.filter((c) => c.document.trigger.type === 'period_assignments_on_time');
	if (clauses.length === 0) return [];
	const db = getDb();
	return db.transaction((tx) => {
		const due = tx
			.select()
			.from(assignments)
			.where(and(gte(assignments.dueAt, start), lt(assignments.dueAt, end)))
			.all();
		const created: LedgerEntry[] = [];
		for (const userId of new Set(due.map((a) => a.userId))) {
			const theirs = due.filter((a) => a.userId === userId);
			const onTime = theirs.every((a) =>
				tx
					.select({ id: attempts.id })
					.from(attempts)
					.where(
						and(
							eq(attempts.assignmentId, a.id),
							eq(attempts.done, true),
							lte(attempts.endedAt, a.dueAt)
						)
					)
					.get()
			);
			if (!onTime) continue;
			for (const clause of clauses) {
				const already = tx
					.select({ id: ledgerEntries.id })
					.from(ledgerEntries)
					.where(
						and(
							eq(ledgerEntries.userId, userId),
							eq(ledgerEntries.criteriaVersionId, clause.id),
							eq(ledgerEntries.period, period)
						)
					)
					.get();
				if (already) continue;
				const entry = tx
					.insert(ledgerEntries)
					.values({
						userId,
						criteriaVersionId: clause.id,
						kind: clause.kind,
						points: clause.kind === 'reward' ? clause.document.points : -clause.document.points,
						status: 'proposed',
						period,
						quote: theirs.map((a) => `${a.scenarioKey} (${a.mode})`).join(', '),
						decidedBy: `rule:${clause.code}@${clause.version}`,
						createdAt: now
					})
					.returning()
					.get();
				audit.append(
					tx,
					`rule:${clause.code}@${clause.version}`,
					'ledger.propose',
					{ entry: entry.id, user: userId, period },
					now
				);
				created.push(entry);
			}
		}
		return created;
	});
}
