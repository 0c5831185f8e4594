/**
 * Human review of single replies: a trainer, an admin or the trainee's supervisor records, for
 * one reply, which expected dimensions it showed and which problems it had, with a comment. A
 * review stands beside the automatic assessment and never changes it; it is audited, and the
 * trainee reads it with the reviewer's name.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
	differences,
	missingLabels,
	scorerLabels,
	type RubricCriteria
} from '../../engine/calibration/from-assessment';
import type { Labels } from '../../engine/calibration/labels';
import { canReadAttempt, canReviewTurn, feedbackVisible, type Actor } from '../access';
import * as audit from '../audit';
import { getDb, write, type DbOrTx } from '../db';
import {
	attempts,
	rubricVersions,
	turnReviews,
	turns,
	users,
	type Attempt,
	type Turn,
	type TurnReview
} from '../db/schema';
import { ReviewRefused } from './refused';

/** The criteria of the rubric version an attempt was scored with. */
export function criteriaOf(db: DbOrTx, rubricVersionId: number): RubricCriteria {
	const doc = db
		.select({ document: rubricVersions.document })
		.from(rubricVersions)
		.where(eq(rubricVersions.id, rubricVersionId))
		.get()!.document;
	return {
		dimensions: doc.dimensions.map((d) => d.id),
		violations: doc.violations.map((v) => v.id)
	};
}

/** A trainee reply and its attempt, if `actor` may read it; otherwise it does not exist for them. */
export function replyInScope(
	db: DbOrTx,
	actor: Actor,
	turnId: number
): { turn: Turn; attempt: Attempt } {
	const turn = Number.isSafeInteger(turnId)
		? db.select().from(turns).where(eq(turns.id, turnId)).get()
		: undefined;
	if (!turn || turn.speaker !== 'trainee' || !turn.assessment) throw new ReviewRefused('not_found');
	const attempt = db.select().from(attempts).where(eq(attempts.id, turn.attemptId)).get()!;
	if (!canReadAttempt(actor, attempt.userId, db)) throw new ReviewRefused('not_found');
	return { turn, attempt };
}

export type ReviewInput = { labels: Labels; comment: string };

/** Records one person's review of one reply (once); refuses what is out of scope or incomplete. */
export function recordReview(
	actor: Actor,
	turnId: number,
	input: ReviewInput,
	now = new Date()
): TurnReview {
	return write((tx) => {
		const { turn, attempt } = replyInScope(tx, actor, turnId);
		if (!canReviewTurn(actor, attempt.userId, tx)) throw new ReviewRefused('not_allowed');
		// A certification is reviewed once it is over: until then nobody sees its scores.
		if (!feedbackVisible(attempt)) throw new ReviewRefused('not_finished');
		const criteria = criteriaOf(tx, attempt.rubricVersionId);
		const labels = restrict(input.labels, criteria);
		const missing = missingLabels(
			labels,
			turn.assessment!.expects ?? criteria.dimensions,
			criteria
		);
		if (missing.length > 0) throw new ReviewRefused('incomplete', { missing });
		const comment = input.comment.trim();
		const earlier = tx
			.select({ id: turnReviews.id })
			.from(turnReviews)
			.where(and(eq(turnReviews.turnId, turn.id), eq(turnReviews.reviewerId, actor.id)))
			.get();
		if (earlier) throw new ReviewRefused('already_reviewed');
		const review = tx
			.insert(turnReviews)
			.values({ turnId: turn.id, reviewerId: actor.id, labels, comment, createdAt: now })
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'review.record',
			{ review: review.id, turn: turn.id, attempt: attempt.id, labels, comment },
			now
		);
		return review;
	});
}

/** Only the rubric's own criteria are kept: anything else in the input is ignored. */
function restrict(labels: Labels, criteria: RubricCriteria): Labels {
	return {
		dimensions: Object.fromEntries(
			Object.entries(labels.dimensions).filter(([id]) => criteria.dimensions.includes(id))
		),
		violations: Object.fromEntries(
			Object.entries(labels.violations).filter(([id]) => criteria.violations.includes(id))
		)
	};
}

export type ReviewView = {
	id: number;
	turnId: number;
	reviewerId: number;
	reviewer: string;
	labels: Labels;
	comment: string;
	createdAt: string;
	/** Criteria on which the reviewer and the automatic assessment differ (`dimension:empathy`). */
	differs: string[];
};

/** The reviews of an attempt's replies as `viewer` may read them, by turn; null outside scope. */
export function reviewsOfAttempt(
	viewer: Actor,
	attemptId: number,
	db: DbOrTx = getDb()
): Map<number, ReviewView[]> | null {
	const attempt = db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
	if (!attempt || !canReadAttempt(viewer, attempt.userId, db)) return null;
	const replies = db
		.select()
		.from(turns)
		.where(and(eq(turns.attemptId, attemptId), eq(turns.speaker, 'trainee')))
		.all();
	const byTurn = new Map<number, ReviewView[]>();
	if (replies.length === 0 || !feedbackVisible(attempt)) return byTurn;
	const criteria = criteriaOf(db, attempt.rubricVersionId);
	const rows = db
		.select({ review: turnReviews, reviewer: users.displayName })
		.from(turnReviews)
		.innerJoin(users, eq(turnReviews.reviewerId, users.id))
		.where(
			inArray(
				turnReviews.turnId,
				replies.map((r) => r.id)
			)
		)
		.orderBy(asc(turnReviews.id))
		.all();
	for (const { review, reviewer } of rows) {
		const turn = replies.find((r) => r.id === review.turnId)!;
		const scorer = scorerLabels(turn.assessment!, criteria);
		const list = byTurn.get(turn.id) ?? [];
		list.push({
			id: review.id,
			turnId: turn.id,
			reviewerId: review.reviewerId,
			reviewer,
			labels: review.labels,
			comment: review.comment,
			createdAt: review.createdAt.toISOString(),
			differs: differences(review.labels, scorer)
		});
		byTurn.set(turn.id, list);
	}
	return byTurn;
}
