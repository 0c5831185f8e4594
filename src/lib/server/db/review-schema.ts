/**
 * People checking the scorer: reviews of single replies, the queue of ledger entries held for a
 * reviewer's decision, and calibration sessions in which several graders label the same replies
 * blind. Never edited in place except where a status moves on.
 */
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { Labels } from '../../engine/calibration/labels';
import { ledgerEntries, turns, users } from './schema';

const at = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** A person's labels for one trainee reply, beside (never instead of) the automatic assessment. */
export const turnReviews = sqliteTable(
	'turn_reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		turnId: integer('turn_id')
			.notNull()
			.references(() => turns.id, { onDelete: 'cascade' }),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
		comment: text('comment').notNull(),
		createdAt: at('created_at').notNull()
	},
	(t) => [uniqueIndex('turn_reviews_once').on(t.turnId, t.reviewerId)]
);
export type TurnReview = typeof turnReviews.$inferSelect;

export const heldReasons = ['needs_review', 'uncertain'] as const;
export type HeldReason = (typeof heldReasons)[number];
export const queueStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type QueueStatus = (typeof queueStatuses)[number];

/**
 * A penalty an automatic finding would have proposed, held until a reviewer confirms or rejects
 * it: because its criterion has not proven itself in calibration, or because the finding was
 * uncertain. The decision is also a label of that reply.
 */
export const reviewQueue = sqliteTable(
	'review_queue',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		entryId: integer('entry_id')
			.notNull()
			.unique()
			.references(() => ledgerEntries.id),
		turnId: integer('turn_id').references(() => turns.id, { onDelete: 'set null' }),
		violation: text('violation').notNull(),
		lang: text('lang', { enum: ['zh', 'en'] }).notNull(),
		reason: text('reason', { enum: heldReasons }).notNull(),
		status: text('status', { enum: queueStatuses }).notNull(),
		decidedBy: integer('decided_by').references(() => users.id),
		decision: text('decision'),
		decidedAt: at('decided_at'),
		createdAt: at('created_at').notNull()
	},
	(t) => [index('review_queue_status_idx').on(t.status)]
);
export type QueueItem = typeof reviewQueue.$inferSelect;

export const sessionStatuses = ['open', 'closed'] as const;

/** A calibration session: replies sampled from recent attempts, graded blind by invited people. */
export const calibrationSessions = sqliteTable('calibration_sessions', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	ownerId: integer('owner_id')
		.notNull()
		.references(() => users.id),
	status: text('status', { enum: sessionStatuses }).notNull(),
	createdAt: at('created_at').notNull(),
	closedAt: at('closed_at')
});
export type CalibrationSession = typeof calibrationSessions.$inferSelect;

export const calibrationGraders = sqliteTable(
	'calibration_graders',
	{
		sessionId: integer('session_id')
			.notNull()
			.references(() => calibrationSessions.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id)
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] })]
);

/**
 * One reply of a session, with what the scorer said of it when the session was made (so later
 * rubric versions do not change a closed session) and, once closed, the consensus.
 */
export const calibrationItems = sqliteTable(
	'calibration_items',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sessionId: integer('session_id')
			.notNull()
			.references(() => calibrationSessions.id, { onDelete: 'cascade' }),
		turnId: integer('turn_id')
			.notNull()
			.references(() => turns.id),
		position: integer('position').notNull(),
		lang: text('lang', { enum: ['zh', 'en'] }).notNull(),
		scenarioKey: text('scenario_key').notNull(),
		flagged: integer('flagged', { mode: 'boolean' }).notNull(),
		scorer: text('scorer', { mode: 'json' }).$type<Labels>().notNull(),
		consensus: text('consensus', { mode: 'json' }).$type<Labels>()
	},
	(t) => [uniqueIndex('calibration_items_once').on(t.sessionId, t.turnId)]
);
export type CalibrationItem = typeof calibrationItems.$inferSelect;

/** A grader's blind labels for one item: given once. */
export const calibrationAnswers = sqliteTable(
	'calibration_answers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		itemId: integer('item_id')
			.notNull()
			.references(() => calibrationItems.id, { onDelete: 'cascade' }),
		graderId: integer('grader_id')
			.notNull()
			.references(() => users.id),
		labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
		createdAt: at('created_at').notNull()
	},
	(t) => [uniqueIndex('calibration_answers_once').on(t.itemId, t.graderId)]
);
export type CalibrationAnswer = typeof calibrationAnswers.$inferSelect;
