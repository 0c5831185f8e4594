/**
 * Calibration sessions: a trainer, supervisor or admin samples recent replies (stratified by
 * language, scenario and whether the scorer flagged a critical problem) and invites graders, who
 * label each reply blind: without the scorer's result and without each other's answers. Closing
 * forms the consensus (majority; the owner settles ties) and freezes the session's figures.
 */
import { and, asc, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { scorerLabels, missingLabels } from '../../engine/calibration/from-assessment';
import { consensus } from '../../engine/calibration/consensus';
import type { Labels } from '../../engine/calibration/labels';
import { sampleStratified, type Candidate } from '../../engine/calibration/sample';
import { canCalibrate, feedbackVisible, sampleScope, type Actor } from '../access';
import * as audit from '../audit';
import { getDb, write, type DbOrTx } from '../db';
import {
	attempts,
	calibrationAnswers,
	calibrationGraders,
	calibrationItems,
	calibrationSessions,
	scenarioVersions,
	turns,
	users,
	type CalibrationSession
} from '../db/schema';
import { ReviewRefused } from '../reviews/refused';
import { criteriaOf } from '../reviews/turns';

/** How many of the newest replies a session samples from. */
const RECENT = 500;

export type NewSession = { title: string; size: number; graderIds: number[]; seed?: number };

/** The people who may grade: trainers, supervisors and admins. */
export function graders(db: DbOrTx = getDb()) {
	return db
		.select({ id: users.id, name: users.displayName, role: users.role })
		.from(users)
		.where(inArray(users.role, ['trainer', 'supervisor', 'admin']))
		.orderBy(asc(users.displayName))
		.all();
}

/** Recent replies `actor` may put into a session (not already in one), as sampling candidates. */
function candidates(tx: DbOrTx, actor: Actor): Candidate[] {
	const scope = sampleScope(actor, tx);
	if (scope !== 'all' && scope.length === 0) return [];
	const used = tx
		.select({ id: calibrationItems.turnId })
		.from(calibrationItems)
		.all()
		.map((r) => r.id);
	const rows = tx
		.select({ turn: turns, attempt: attempts, scenario: scenarioVersions.key })
		.from(turns)
		.innerJoin(attempts, eq(turns.attemptId, attempts.id))
		.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
		.where(
			and(
				eq(turns.speaker, 'trainee'),
				scope === 'all' ? undefined : inArray(attempts.userId, scope),
				used.length > 0 ? notInArray(turns.id, used) : undefined
			)
		)
		.orderBy(desc(turns.id))
		.limit(RECENT)
		.all();
	return rows
		.filter(
			({ turn, attempt }) =>
				turn.assessment && !turn.assessment.empty && feedbackVisible(attempt) && turn.text
		)
		.map(({ turn, scenario }) => ({
			id: turn.id,
			lang: turn.assessment!.lang,
			scenario,
			flagged: turn.assessment!.violations.some((v) => v.severity === 'critical' && !v.uncertain),
			at: turn.createdAt.getTime()
		}));
}

/** Creates a session of up to `size` sampled replies; the owner always grades too. */
export function createSession(actor: Actor, input: NewSession, now = new Date()) {
	if (!canCalibrate(actor)) throw new ReviewRefused('not_allowed');
	return write((tx) => {
		const invited = [...new Set([actor.id, ...input.graderIds])];
		const allowed = new Set(graders(tx).map((g) => g.id));
		if (invited.some((id) => !allowed.has(id))) throw new ReviewRefused('no_graders');
		const picked = sampleStratified(candidates(tx, actor), input.size, input.seed ?? now.getTime());
		if (picked.length === 0) throw new ReviewRefused('no_items');
		const session = tx
			.insert(calibrationSessions)
			.values({ title: input.title.trim(), ownerId: actor.id, status: 'open', createdAt: now })
			.returning()
			.get();
		tx.insert(calibrationGraders)
			.values(invited.map((userId) => ({ sessionId: session.id, userId })))
			.run();
		picked.forEach((c, position) => {
			const row = tx
				.select({ turn: turns, rubricVersionId: attempts.rubricVersionId })
				.from(turns)
				.innerJoin(attempts, eq(turns.attemptId, attempts.id))
				.where(eq(turns.id, c.id))
				.get()!;
			tx.insert(calibrationItems)
				.values({
					sessionId: session.id,
					turnId: c.id,
					position,
					lang: c.lang,
					scenarioKey: c.scenario,
					flagged: c.flagged,
					scorer: scorerLabels(row.turn.assessment!, criteriaOf(tx, row.rubricVersionId))
				})
				.run();
		});
		audit.append(
			tx,
			`user:${actor.id}`,
			'calibration.create',
			{ session: session.id, items: picked.length, graders: invited },
			now
		);
		return { session, items: picked.length };
	});
}

function sessionFor(tx: DbOrTx, actor: Actor, sessionId: number): CalibrationSession {
	const session = Number.isSafeInteger(sessionId)
		? tx.select().from(calibrationSessions).where(eq(calibrationSessions.id, sessionId)).get()
		: undefined;
	if (!session || !canCalibrate(actor)) throw new ReviewRefused('not_found');
	return session;
}

const isGrader = (tx: DbOrTx, sessionId: number, userId: number) =>
	tx
		.select()
		.from(calibrationGraders)
		.where(and(eq(calibrationGraders.sessionId, sessionId), eq(calibrationGraders.userId, userId)))
		.get() !== undefined;

/** A grader's blind answer for one item of an open session: once, complete. */
export function answer(actor: Actor, itemId: number, labels: Labels, now = new Date()) {
	return write((tx) => {
		const item = Number.isSafeInteger(itemId)
			? tx.select().from(calibrationItems).where(eq(calibrationItems.id, itemId)).get()
			: undefined;
		if (!item) throw new ReviewRefused('not_found');
		const session = sessionFor(tx, actor, item.sessionId);
		if (!isGrader(tx, session.id, actor.id)) throw new ReviewRefused('not_a_grader');
		if (session.status !== 'open') throw new ReviewRefused('session_closed');
		const { turn, rubricVersionId } = tx
			.select({ turn: turns, rubricVersionId: attempts.rubricVersionId })
			.from(turns)
			.innerJoin(attempts, eq(turns.attemptId, attempts.id))
			.where(eq(turns.id, item.turnId))
			.get()!;
		const criteria = criteriaOf(tx, rubricVersionId);
		const clean: Labels = {
			dimensions: Object.fromEntries(
				Object.entries(labels.dimensions).filter(([id]) => criteria.dimensions.includes(id))
			),
			violations: Object.fromEntries(
				Object.entries(labels.violations).filter(([id]) => criteria.violations.includes(id))
			)
		};
		const missing = missingLabels(clean, turn.assessment?.expects ?? criteria.dimensions, criteria);
		if (missing.length > 0) throw new ReviewRefused('incomplete', { missing });
		const earlier = tx
			.select({ id: calibrationAnswers.id })
			.from(calibrationAnswers)
			.where(and(eq(calibrationAnswers.itemId, item.id), eq(calibrationAnswers.graderId, actor.id)))
			.get();
		if (earlier) throw new ReviewRefused('already_answered');
		const row = tx
			.insert(calibrationAnswers)
			.values({ itemId: item.id, graderId: actor.id, labels: clean, createdAt: now })
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'calibration.answer',
			{ session: session.id, item: item.id, labels: clean },
			now
		);
		return row;
	});
}

/**
 * Closes a session (its owner or an admin): each item's consensus is the graders' majority, the
 * owner's answer settling ties. A tie the owner did not answer refuses the close, naming the
 * items to answer; items nobody answered are left out.
 */
export function closeSession(actor: Actor, sessionId: number, now = new Date()) {
	return write((tx) => {
		const session = sessionFor(tx, actor, sessionId);
		if (session.ownerId !== actor.id && actor.role !== 'admin')
			throw new ReviewRefused('not_allowed');
		if (session.status !== 'open') throw new ReviewRefused('session_closed');
		const items = tx
			.select({ item: calibrationItems, rubricVersionId: attempts.rubricVersionId })
			.from(calibrationItems)
			.innerJoin(turns, eq(calibrationItems.turnId, turns.id))
			.innerJoin(attempts, eq(turns.attemptId, attempts.id))
			.where(eq(calibrationItems.sessionId, session.id))
			.orderBy(asc(calibrationItems.position))
			.all();
		const answers = tx
			.select()
			.from(calibrationAnswers)
			.where(
				inArray(
					calibrationAnswers.itemId,
					items.map((i) => i.item.id)
				)
			)
			.all();
		const results = items.map(({ item, rubricVersionId }) => {
			const criteria = criteriaOf(tx, rubricVersionId);
			const mine = answers.filter((a) => a.itemId === item.id);
			return {
				item,
				answered: mine.length > 0,
				result: consensus(
					mine.map((a) => ({ graderId: a.graderId, labels: a.labels })),
					session.ownerId,
					[
						...criteria.dimensions.map((id) => ({ kind: 'dimension' as const, id })),
						...criteria.violations.map((id) => ({ kind: 'violation' as const, id }))
					]
				)
			};
		});
		const tied = results.filter((r) => r.result.ties.length > 0);
		if (tied.length > 0)
			throw new ReviewRefused('ties', { items: tied.map((r) => r.item.position + 1) });
		if (!results.some((r) => r.answered)) throw new ReviewRefused('no_items');
		for (const r of results.filter((x) => x.answered))
			tx.update(calibrationItems)
				.set({ consensus: r.result.labels })
				.where(eq(calibrationItems.id, r.item.id))
				.run();
		const closed = tx
			.update(calibrationSessions)
			.set({ status: 'closed', closedAt: now })
			.where(eq(calibrationSessions.id, session.id))
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'calibration.close',
			{ session: session.id, items: results.filter((r) => r.answered).length },
			now
		);
		return closed;
	});
}
