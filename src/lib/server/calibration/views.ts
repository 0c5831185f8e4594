/**
 * What the calibration pages show. While a session is open a grader sees each reply and what the
 * moment asked for, never the scorer's result or another grader's answer; once closed everyone who
 * calibrates sees the figures, the graders' agreement and the disagreements to discuss.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Labels } from '../../engine/calibration/labels';
import { calibrationReport } from '../../engine/calibration/report';
import { canCalibrate, type Actor } from '../access';
import { getDb, type DbOrTx } from '../db';
import {
	attempts,
	calibrationAnswers,
	calibrationGraders,
	calibrationItems,
	calibrationSessions,
	turns,
	users
} from '../db/schema';
import { ReviewRefused } from '../reviews/refused';
import { criteriaOf } from '../reviews/turns';
import { closedItems, rubricCriteria } from './status';

const names = (db: DbOrTx, ids: number[]) =>
	new Map(
		ids.length === 0
			? []
			: db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, u.name])
	);

/** Every session, newest first, with its progress; null for people who do not calibrate. */
export function sessionList(actor: Actor, db: DbOrTx = getDb()) {
	if (!canCalibrate(actor)) return null;
	const sessions = db
		.select()
		.from(calibrationSessions)
		.orderBy(desc(calibrationSessions.id))
		.all();
	const owners = names(
		db,
		sessions.map((s) => s.ownerId)
	);
	return sessions.map((s) => {
		const items = db
			.select({ id: calibrationItems.id })
			.from(calibrationItems)
			.where(eq(calibrationItems.sessionId, s.id))
			.all();
		const invited = db
			.select({ userId: calibrationGraders.userId })
			.from(calibrationGraders)
			.where(eq(calibrationGraders.sessionId, s.id))
			.all()
			.map((g) => g.userId);
		const mine =
			items.length === 0
				? 0
				: db
						.select({ id: calibrationAnswers.id })
						.from(calibrationAnswers)
						.where(
							and(
								eq(calibrationAnswers.graderId, actor.id),
								inArray(
									calibrationAnswers.itemId,
									items.map((i) => i.id)
								)
							)
						)
						.all().length;
		return {
			id: s.id,
			title: s.title,
			status: s.status,
			owner: owners.get(s.ownerId) ?? '',
			createdAt: s.createdAt.toISOString(),
			closedAt: s.closedAt?.toISOString() ?? null,
			items: items.length,
			graders: invited.length,
			invited: invited.includes(actor.id),
			answeredByMe: mine
		};
	});
}

/** One session as `actor` may see it now (blind while open); refused outside calibration roles. */
export function sessionView(actor: Actor, sessionId: number, db: DbOrTx = getDb()) {
	const session = Number.isSafeInteger(sessionId)
		? db.select().from(calibrationSessions).where(eq(calibrationSessions.id, sessionId)).get()
		: undefined;
	if (!session || !canCalibrate(actor)) throw new ReviewRefused('not_found');
	const invited = db
		.select({ userId: calibrationGraders.userId })
		.from(calibrationGraders)
		.where(eq(calibrationGraders.sessionId, session.id))
		.all()
		.map((g) => g.userId);
	const people = names(db, [...invited, session.ownerId]);
	const rows = db
		.select({ item: calibrationItems, turn: turns, rubricVersionId: attempts.rubricVersionId })
		.from(calibrationItems)
		.innerJoin(turns, eq(calibrationItems.turnId, turns.id))
		.innerJoin(attempts, eq(turns.attemptId, attempts.id))
		.where(eq(calibrationItems.sessionId, session.id))
		.orderBy(asc(calibrationItems.position))
		.all();
	const answers = db
		.select()
		.from(calibrationAnswers)
		.where(inArray(calibrationAnswers.itemId, rows.map((r) => r.item.id).concat(-1)))
		.all();
	const items = rows.map(({ item, turn, rubricVersionId }) => {
		const before = db
			.select({ line: turns.line })
			.from(turns)
			.where(and(eq(turns.attemptId, turn.attemptId), eq(turns.index, turn.index - 1)))
			.get();
		const criteria = criteriaOf(db, rubricVersionId);
		const mine = answers.find((a) => a.itemId === item.id && a.graderId === actor.id);
		return {
			id: item.id,
			number: item.position + 1,
			lang: item.lang,
			text: turn.text ?? '',
			customer: before?.line ?? null,
			expects: turn.assessment?.expects ?? criteria.dimensions,
			violations: criteria.violations,
			mine: mine?.labels ?? null,
			answers: answers.filter((a) => a.itemId === item.id).length,
			// Only once the session is closed: what the scorer said and what the graders agreed.
			...(session.status === 'closed'
				? { scorer: item.scorer as Labels, consensus: item.consensus as Labels | null }
				: {})
		};
	});
	const progress = invited.map((id) => ({
		id,
		name: people.get(id) ?? '',
		answered: answers.filter((a) => a.graderId === id).length
	}));
	const closed = session.status === 'closed';
	const criteria = rubricCriteria(db);
	const report = closed
		? calibrationReport(closedItems(db, [session.id]), [
				...criteria.violations.map((v) => ({ kind: 'violation' as const, id: v.id })),
				...criteria.dimensions.map((d) => ({ kind: 'dimension' as const, id: d.id }))
			])
		: null;
	return {
		session: {
			id: session.id,
			title: session.title,
			status: session.status,
			owner: people.get(session.ownerId) ?? '',
			isOwner: session.ownerId === actor.id,
			canClose: !closed && (session.ownerId === actor.id || actor.role === 'admin'),
			createdAt: session.createdAt.toISOString(),
			closedAt: session.closedAt?.toISOString() ?? null
		},
		isGrader: invited.includes(actor.id),
		progress,
		items: closed || invited.includes(actor.id) ? items : [],
		report: report
			? {
					...report,
					graders: report.graders.map((g) => ({ ...g, name: people.get(g.graderId) ?? '' })),
					disagreements: report.disagreements.map((d) => ({
						...d,
						number: items.find((i) => i.id === d.itemId)?.number ?? 0,
						text: items.find((i) => i.id === d.itemId)?.text ?? '',
						graders: Object.fromEntries(
							Object.entries(d.graders).map(([id, v]) => [people.get(Number(id)) ?? id, v])
						)
					}))
				}
			: null,
		criteria
	};
}

/** Cohen's kappa per closed session and critical violation: how the scorer's agreement moves. */
export function trend(db: DbOrTx = getDb()) {
	const sessions = db
		.select()
		.from(calibrationSessions)
		.where(eq(calibrationSessions.status, 'closed'))
		.orderBy(asc(calibrationSessions.closedAt))
		.all();
	const criteria = rubricCriteria(db).violations.filter((v) => v.critical);
	return sessions.map((s) => {
		const report = calibrationReport(
			closedItems(db, [s.id]),
			criteria.map((v) => ({ kind: 'violation' as const, id: v.id }))
		);
		return {
			id: s.id,
			title: s.title,
			closedAt: s.closedAt!.toISOString(),
			kappas: report.criteria.map((c) => ({
				criterion: c.criterion.replace(/^violation:/, ''),
				lang: c.lang,
				items: c.items,
				kappa: c.kappa
			}))
		};
	});
}
