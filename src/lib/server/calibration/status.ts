/**
 * Whether each criterion, in each language, may act on its own: measured on every calibrated item
 * to date (all closed sessions pooled). A critical violation proposes a penalty directly only when
 * it is `automatic`; otherwise (the default on a new installation) the penalty waits for a person.
 * Disputes the employee won against an automatic finding are counted beside, as scorer errors.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { pooled, type CriterionStatus } from '../../engine/calibration/gating';
import type { Criterion } from '../../engine/calibration/labels';
import { langs, type CalibrationItem, type Lang } from '../../engine/calibration/stats';
import { disputeState } from '../../engine/rulebook/lifecycle';
import { getDb, type DbOrTx } from '../db';
import {
	calibrationAnswers,
	calibrationItems,
	calibrationSessions,
	criteriaVersions,
	disputes,
	ledgerEntries,
	rubricVersions,
	turns
} from '../db/schema';

/** Every item of the closed sessions, with its answers, ready for the statistics. */
export function closedItems(db: DbOrTx = getDb(), sessionIds?: number[]): CalibrationItem[] {
	const items = db
		.select({ item: calibrationItems })
		.from(calibrationItems)
		.innerJoin(calibrationSessions, eq(calibrationItems.sessionId, calibrationSessions.id))
		.where(
			and(
				eq(calibrationSessions.status, 'closed'),
				isNotNull(calibrationItems.consensus),
				sessionIds ? inArray(calibrationSessions.id, sessionIds) : undefined
			)
		)
		.all()
		.map((r) => r.item);
	if (items.length === 0) return [];
	const answers = db
		.select()
		.from(calibrationAnswers)
		.where(
			inArray(
				calibrationAnswers.itemId,
				items.map((i) => i.id)
			)
		)
		.all();
	return items.map((i) => ({
		id: i.id,
		lang: i.lang,
		scorer: i.scorer,
		consensus: i.consensus!,
		answers: answers
			.filter((a) => a.itemId === i.id)
			.map((a) => ({ graderId: a.graderId, labels: a.labels }))
	}));
}

/** The criteria of the newest published rubric, with which violations are critical. */
export function rubricCriteria(db: DbOrTx = getDb()) {
	const doc = db
		.select({ document: rubricVersions.document })
		.from(rubricVersions)
		.orderBy(desc(rubricVersions.id))
		.limit(1)
		.get()?.document;
	return {
		dimensions: (doc?.dimensions ?? []).map((d) => ({ id: d.id, title: d.title })),
		violations: (doc?.violations ?? []).map((v) => ({
			id: v.id,
			title: v.title,
			critical: v.severity === 'critical'
		}))
	};
}

/**
 * Per violation and language: disputes the employee won (accepted in full, or a rejection
 * overturned) on entries proposed from an automatic finding of that violation.
 */
export function scorerErrors(db: DbOrTx = getDb()): Map<string, number> {
	const rows = db
		.select({ dispute: disputes, entry: ledgerEntries, clause: criteriaVersions })
		.from(disputes)
		.innerJoin(ledgerEntries, eq(disputes.entryId, ledgerEntries.id))
		.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
		.all();
	const errors = new Map<string, number>();
	for (const { dispute, entry, clause } of rows) {
		const trigger = clause.document.trigger;
		if (trigger.type !== 'certification_critical_violation' || entry.attemptId === null) continue;
		const state = disputeState(dispute);
		const won = state === 'accepted' || (state === 'overturned' && dispute.status === 'rejected');
		if (!won || entry.turnIndex === null) continue;
		const turn = db
			.select({ assessment: turns.assessment })
			.from(turns)
			.where(and(eq(turns.attemptId, entry.attemptId), eq(turns.index, entry.turnIndex)))
			.get();
		const found = turn?.assessment?.violations.find((v) => trigger.violations.includes(v.id));
		if (!found || !turn?.assessment) continue;
		const key = `${found.id}:${turn.assessment.lang}`;
		errors.set(key, (errors.get(key) ?? 0) + 1);
	}
	return errors;
}

export type CriterionRow = {
	criterion: string;
	kind: 'dimension' | 'violation';
	title: { zh: string; en: string };
	critical: boolean;
	lang: Lang;
	items: number;
	kappa: number | null;
	agreement: number | null;
	precision: number | null;
	alpha: number | null;
	status: CriterionStatus;
	/** Disputes won against automatic findings of this criterion (violations only). */
	scorerErrors: number;
};

/** Every criterion of the newest rubric in both languages, pooled over all closed sessions. */
export function criterionTable(db: DbOrTx = getDb()): CriterionRow[] {
	const items = closedItems(db);
	const criteria = rubricCriteria(db);
	const errors = scorerErrors(db);
	const rows: CriterionRow[] = [];
	const all: (Criterion & { title: { zh: string; en: string }; critical: boolean })[] = [
		...criteria.violations.map((v) => ({ kind: 'violation' as const, ...v })),
		...criteria.dimensions.map((d) => ({ kind: 'dimension' as const, ...d, critical: false }))
	];
	for (const c of all)
		for (const lang of langs) {
			const stats = pooled([items], { kind: c.kind, id: c.id }, lang);
			rows.push({
				criterion: c.id,
				kind: c.kind,
				title: c.title,
				critical: c.critical,
				lang,
				items: stats.items,
				kappa: stats.kappa,
				agreement: stats.agreement,
				precision: stats.precision,
				alpha: stats.alpha,
				status: stats.status,
				scorerErrors: c.kind === 'violation' ? (errors.get(`${c.id}:${lang}`) ?? 0) : 0
			});
		}
	return rows;
}

/** Whether a violation may propose penalties on its own in a language. */
export function statusOf(db: DbOrTx, violation: string, lang: Lang): CriterionStatus {
	return pooled([closedItems(db)], { kind: 'violation', id: violation }, lang).status;
}
