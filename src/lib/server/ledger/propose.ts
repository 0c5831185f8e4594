import { and, desc, eq, gte, inArray, isNull, lt, ne } from 'drizzle-orm';
import { OFFSET_WINDOW_DAYS } from '../../engine/rulebook/figures';
import { DAY_MS } from '../../engine/rulebook/lifecycle';
import { periodBounds, periodOf, previousPeriod } from '../../engine/rulebook/period';
import { signedPoints, type Clause } from '../../engine/rulebook/schema';
import {
	allOnTime,
	evaluateTrigger,
	type AttemptFacts,
	type Evidence
} from '../../engine/rulebook/triggers';
import { statusOf } from '../calibration/status';
import { hold } from '../reviews/queue';
import { binds, inForce } from '../criteria';
import { timeZone } from '../config';
import { write, type DbOrTx } from '../db';
import {
	assignments,
	attempts,
	criteriaVersions,
	ledgerEntries,
	periodCloses,
	scenarioVersions,
	teams,
	turns,
	users,
	type Attempt,
	type CriteriaVersion,
	type LedgerEntry
} from '../db/schema';
import { reverseEntry, writeEntry } from './entries';

type Owner = { role: string; team: string | null; locale: string };

function ownerOf(db: DbOrTx, userId: number): Owner | null {
	return (
		db
			.select({ role: users.role, team: teams.name, locale: users.locale })
			.from(users)
			.leftJoin(teams, eq(users.teamId, teams.id))
			.where(eq(users.id, userId))
			.get() ?? null
	);
}

/** The scenarios' titles in the person's language: the evidence of a month-end entry. */
function titlesOf(db: DbOrTx, keys: string[], locale: string): string {
	const rows = db
		.select({
			key: scenarioVersions.key,
			en: scenarioVersions.titleEn,
			zh: scenarioVersions.titleZh
		})
		.from(scenarioVersions)
		.where(inArray(scenarioVersions.key, [...new Set(keys)]))
		.orderBy(desc(scenarioVersions.version))
		.all();
	const title = new Map<string, string>();
	for (const r of rows) if (!title.has(r.key)) title.set(r.key, locale === 'zh-CN' ? r.zh : r.en);
	return [...title.values()].join(locale === 'zh-CN' ? '、' : ', ');
}

/** Whether a clause is meant for this person at all: their role, and their team when it names teams. */
const appliesTo = (doc: Clause, owner: Owner) =>
	doc.roles.includes(owner.role as never) &&
	(!doc.teams || (owner.team !== null && doc.teams.includes(owner.team)));

/** How many entries of a clause (any version) a person already has in a month: the cap counts these. */
function usedInPeriod(db: DbOrTx, userId: number, code: string, period: string): number {
	const versions = db
		.select({ id: criteriaVersions.id })
		.from(criteriaVersions)
		.where(eq(criteriaVersions.code, code))
		.all()
		.map((c) => c.id);
	return db
		.select({ id: ledgerEntries.id })
		.from(ledgerEntries)
		.where(
			and(
				eq(ledgerEntries.userId, userId),
				eq(ledgerEntries.period, period),
				inArray(ledgerEntries.criteriaVersionId, versions),
				ne(ledgerEntries.status, 'reversed'),
				isNull(ledgerEntries.reversesEntryId)
			)
		)
		.all().length;
}

/**
 * Why a penalty from a finding of the scorer waits for a person: the finding was uncertain, or its
 * criterion has not proven itself in calibration in that language. Rewards are never held.
 */
function heldBecause(db: DbOrTx, clause: CriteriaVersion, finding: Evidence['finding']) {
	if (clause.kind !== 'penalty' || !finding) return null;
	if (finding.uncertain) return 'uncertain' as const;
	return statusOf(db, finding.violation, finding.lang) === 'automatic'
		? null
		: ('needs_review' as const);
}

function propose(
	tx: DbOrTx,
	clause: CriteriaVersion,
	userId: number,
	period: string,
	evidence: { attemptId?: number; turnIndex?: number | null; quote: string | null } & Pick<
		Evidence,
		'finding'
	>,
	now: Date
): LedgerEntry {
	const held = heldBecause(tx, clause, evidence.finding);
	const entry = writeEntry(
		tx,
		{
			userId,
			criteriaVersionId: clause.id,
			kind: clause.kind,
			points: signedPoints(clause.kind, clause.document.points),
			status: held ? 'awaiting_review' : 'proposed',
			period,
			attemptId: evidence.attemptId ?? null,
			turnIndex: evidence.turnIndex ?? null,
			quote: evidence.quote,
			decidedBy: `rule:${clause.code}@${clause.version}`
		},
		held ? 'ledger.hold' : 'ledger.propose',
		{ attempt: evidence.attemptId ?? null, period, ...(held ? { held } : {}) },
		now
	);
	if (held && evidence.finding)
		hold(
			tx,
			entry,
			{ violation: evidence.finding.violation, lang: evidence.finding.lang, reason: held },
			now
		);
	return entry;
}

function facts(db: DbOrTx, attempt: Attempt, scenarioKey: string): AttemptFacts {
	const replies = db
		.select({ index: turns.index, text: turns.text, assessment: turns.assessment })
		.from(turns)
		.where(and(eq(turns.attemptId, attempt.id), eq(turns.speaker, 'trainee')))
		.all();
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
	return {
		score: attempt.score,
		outcome: attempt.outcome,
		previousScore: previous?.score ?? null,
		replies: replies.map((r) => ({
			index: r.index,
			text: r.text,
			lang: r.assessment?.lang ?? 'zh',
			violations: r.assessment?.violations ?? []
		}))
	};
}

/**
 * Proposes the entries an ended certification earns under the clauses in force when it ended.
 * Practice never creates entries; caps per month hold; a penalty needs a version the trainee
 * acknowledged or one public for a week; a resolved certification reverses the penalties of the
 * same scenario from the last 14 days. Runs inside the transaction that ends the attempt.
 */
export function proposeFromAttempt(db: DbOrTx, attempt: Attempt, now = new Date()): LedgerEntry[] {
	if (attempt.mode !== 'certification' || !attempt.done || !attempt.endedAt) return [];
	const endedAt = attempt.endedAt;
	const owner = ownerOf(db, attempt.userId);
	if (!owner) return [];
	const scenarioKey = db
		.select({ key: scenarioVersions.key })
		.from(scenarioVersions)
		.where(eq(scenarioVersions.id, attempt.scenarioVersionId))
		.get()!.key;
	const period = periodOf(endedAt, timeZone());
	const known = facts(db, attempt, scenarioKey);
	const created: LedgerEntry[] = [];

	for (const clause of inForce(endedAt, db)) {
		if (!appliesTo(clause.document, owner) || !binds(clause, attempt.userId, endedAt, db)) continue;
		const evidence = evaluateTrigger(clause.document.trigger, known);
		if (!evidence) continue;
		if (usedInPeriod(db, attempt.userId, clause.code, period) >= clause.document.capPerMonth)
			continue;
		created.push(
			propose(db, clause, attempt.userId, period, { attemptId: attempt.id, ...evidence }, now)
		);
	}
	if (attempt.outcome === 'resolved')
		created.push(...offsetPenalties(db, attempt, scenarioKey, now));
	return created;
}

/** The published offset: passing the same scenario in certification within 14 days reverses its penalties. */
function offsetPenalties(
	db: DbOrTx,
	attempt: Attempt,
	scenarioKey: string,
	now: Date
): LedgerEntry[] {
	const since = new Date(attempt.endedAt!.getTime() - OFFSET_WINDOW_DAYS * DAY_MS);
	return db
		.select({ entry: ledgerEntries })
		.from(ledgerEntries)
		.innerJoin(attempts, eq(ledgerEntries.attemptId, attempts.id))
		.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
		.where(
			and(
				eq(ledgerEntries.userId, attempt.userId),
				eq(ledgerEntries.kind, 'penalty'),
				inArray(ledgerEntries.status, ['proposed', 'confirmed']),
				isNull(ledgerEntries.reversesEntryId),
				eq(scenarioVersions.key, scenarioKey),
				gte(ledgerEntries.createdAt, since),
				ne(ledgerEntries.attemptId, attempt.id)
			)
		)
		.all()
		.map(({ entry }) =>
			reverseEntry(db, 'system', entry, `offset by certification ${attempt.id}`, now)
		);
}

/**
 * Closes a month once: each employee whose assignments due that month were all finished by their
 * due time earns the month-end clauses in force at the month's end. A month closes only after it
 * has ended, and a second run changes nothing.
 */
export function closePeriod(period: string, now = new Date()): LedgerEntry[] | null {
	const zone = timeZone();
	const { start, end } = periodBounds(period, zone);
	if (now < end) return null;
	return write((tx) => {
		if (tx.select().from(periodCloses).where(eq(periodCloses.period, period)).get()) return null;
		const clauses = inForce(new Date(end.getTime() - 1), tx).filter(
			(c) => c.document.trigger.type === 'period_assignments_on_time'
		);
		const due = tx
			.select({ assignment: assignments, finishedAt: attempts.endedAt })
			.from(assignments)
			.leftJoin(attempts, and(eq(attempts.assignmentId, assignments.id), eq(attempts.done, true)))
			.where(
				and(
					gte(assignments.dueAt, start),
					lt(assignments.dueAt, end),
					// A withdrawn assignment was taken back: it is no one's to finish on time.
					isNull(assignments.withdrawnAt)
				)
			)
			.all();
		const created: LedgerEntry[] = [];
		for (const userId of new Set(due.map((d) => d.assignment.userId))) {
			const theirs = due.filter((d) => d.assignment.userId === userId);
			const onTime = allOnTime(
				theirs.map((d) => ({ dueAt: d.assignment.dueAt, finishedAt: d.finishedAt }))
			);
			const owner = ownerOf(tx, userId);
			if (!onTime || !owner) continue;
			for (const clause of clauses) {
				if (!appliesTo(clause.document, owner)) continue;
				if (usedInPeriod(tx, userId, clause.code, period) >= clause.document.capPerMonth) continue;
				const quote = titlesOf(
					tx,
					theirs.map((d) => d.assignment.scenarioKey),
					owner.locale
				);
				created.push(propose(tx, clause, userId, period, { quote }, now));
			}
		}
		tx.insert(periodCloses).values({ period, closedAt: now, entries: created.length }).run();
		return created;
	});
}

/**
 * Every month that has ended and is not closed yet: the last one, and any earlier one with
 * assignments due (after the server was down over a month's end, say).
 */
export function closeDuePeriods(db: DbOrTx, now = new Date()): string[] {
	const zone = timeZone();
	const current = periodOf(now, zone);
	const closed = new Set(
		db
			.select({ period: periodCloses.period })
			.from(periodCloses)
			.all()
			.map((r) => r.period)
	);
	const due = new Set([
		previousPeriod(current),
		...db
			.select({ dueAt: assignments.dueAt })
			.from(assignments)
			.where(lt(assignments.dueAt, periodBounds(current, zone).start))
			.all()
			.map((a) => periodOf(a.dueAt, zone))
	]);
	return [...due]
		.filter((p) => !closed.has(p))
		.sort()
		.filter((p) => closePeriod(p, now) !== null);
}
