/**
 * Every label a person settled, as lines in the `LABELS.md` format, so the learned detectors can
 * be retrained on the team's own standard: reviews of single replies, calibration consensus,
 * decisions on held entries, and disputes the employee won against an automatic finding. A line
 * that settles only some criteria lists them in `criteria`.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Labels } from '../../engine/calibration/labels';
import { disputeState } from '../../engine/rulebook/lifecycle';
import { getDb, type DbOrTx } from '../db';
import {
	calibrationItems,
	calibrationSessions,
	criteriaVersions,
	disputes,
	ledgerEntries,
	reviewQueue,
	turnReviews,
	turns
} from '../db/schema';

export type LabelLine = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	writer: string;
	dimensions: Record<string, 0 | 1>;
	violations: string[];
	criteria?: string[];
	source: 'review' | 'calibration' | 'decision' | 'dispute';
};

/** Labels as a line: dimensions shown 1, not shown 0 (not needed says nothing); violations present. */
function fromLabels(labels: Labels) {
	const dimensions: Record<string, 0 | 1> = {};
	for (const [id, v] of Object.entries(labels.dimensions))
		if (v !== 'not_needed') dimensions[id] = v === 'shown' ? 1 : 0;
	return {
		dimensions,
		violations: Object.entries(labels.violations)
			.filter(([, present]) => present)
			.map(([id]) => id),
		criteria: [
			...Object.keys(dimensions).map((id) => `dimension:${id}`),
			...Object.keys(labels.violations).map((id) => `violation:${id}`)
		]
	};
}

const replyOf = (db: DbOrTx, turnId: number) =>
	db.select().from(turns).where(eq(turns.id, turnId)).get();

export function exportLabels(db: DbOrTx = getDb()): LabelLine[] {
	const lines: LabelLine[] = [];
	const push = (
		id: string,
		source: LabelLine['source'],
		turnId: number | null,
		labels: ReturnType<typeof fromLabels>
	) => {
		const turn = turnId === null ? undefined : replyOf(db, turnId);
		if (!turn?.text || !turn.assessment) return;
		lines.push({
			id,
			lang: turn.assessment.lang,
			text: turn.text,
			writer: 'team',
			...labels,
			source
		});
	};
	for (const r of db.select().from(turnReviews).orderBy(asc(turnReviews.id)).all())
		push(`review-${r.id}`, 'review', r.turnId, fromLabels(r.labels));
	const settled = db
		.select({ item: calibrationItems })
		.from(calibrationItems)
		.innerJoin(calibrationSessions, eq(calibrationItems.sessionId, calibrationSessions.id))
		.where(and(eq(calibrationSessions.status, 'closed'), isNotNull(calibrationItems.consensus)))
		.orderBy(asc(calibrationItems.id))
		.all();
	for (const { item } of settled)
		push(`consensus-${item.id}`, 'calibration', item.turnId, fromLabels(item.consensus!));
	const decided = db
		.select()
		.from(reviewQueue)
		.orderBy(asc(reviewQueue.id))
		.all()
		.filter((q) => q.status !== 'pending');
	for (const q of decided)
		push(`decision-${q.id}`, 'decision', q.turnId, {
			dimensions: {},
			violations: q.status === 'confirmed' ? [q.violation] : [],
			criteria: [`violation:${q.violation}`]
		});
	const won = db
		.select({ dispute: disputes, entry: ledgerEntries, clause: criteriaVersions })
		.from(disputes)
		.innerJoin(ledgerEntries, eq(disputes.entryId, ledgerEntries.id))
		.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
		.orderBy(asc(disputes.id))
		.all();
	for (const { dispute, entry, clause } of won) {
		const state = disputeState(dispute);
		const upheld =
			state === 'accepted' || (state === 'overturned' && dispute.status === 'rejected');
		const trigger = clause.document.trigger;
		if (!upheld || trigger.type !== 'certification_critical_violation') continue;
		if (entry.attemptId === null || entry.turnIndex === null) continue;
		const turn = db
			.select()
			.from(turns)
			.where(and(eq(turns.attemptId, entry.attemptId), eq(turns.index, entry.turnIndex)))
			.get();
		const violation = turn?.assessment?.violations.find((v) => trigger.violations.includes(v.id));
		if (!turn || !violation) continue;
		push(`dispute-${dispute.id}`, 'dispute', turn.id, {
			dimensions: {},
			violations: [],
			criteria: [`violation:${violation.id}`]
		});
	}
	return lines;
}
