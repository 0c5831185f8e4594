import { sql } from 'drizzle-orm';
import {
	type AnySQLiteColumn,
	index,
	integer,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { Scenario } from '../../engine/scenario/load';
import type { RubricDocument } from '../../engine/scoring/schema';
import type { Assessment } from '../../engine/scoring/assess';
import type { Clause } from '../../engine/rulebook/schema';
import { locales, roles } from '../../roles';
import { entryStatuses } from '../../engine/rulebook/lifecycle';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const teams = sqliteTable('teams', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	supervisorId: integer('supervisor_id').references((): AnySQLiteColumn => users.id, {
		onDelete: 'set null'
	}),
	createdAt: createdAt()
});

export const users = sqliteTable('users', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	role: text('role', { enum: roles }).notNull(),
	teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
	locale: text('locale', { enum: locales }).notNull().default('en'),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		username: text('username').notNull(),
		address: text('address').notNull(),
		succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('login_attempts_username_idx').on(t.username, t.createdAt),
		index('login_attempts_address_idx').on(t.address, t.createdAt)
	]
);

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/** A published scenario: immutable (the database refuses updates and deletes). */
export const scenarioVersions = sqliteTable(
	'scenario_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		version: integer('version').notNull(),
		contentHash: text('content_hash').notNull(),
		titleEn: text('title_en').notNull(),
		titleZh: text('title_zh').notNull(),
		category: text('category').notNull(),
		difficulty: integer('difficulty').notNull(),
		rubricKey: text('rubric_key').notNull(),
		document: text('document', { mode: 'json' }).$type<Scenario>().notNull(),
		source: text('source').notNull(),
		sourceFile: text('source_file').notNull(),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
		/** Who published it from the studio (null for the seed files). */
		publishedBy: integer('published_by').references((): AnySQLiteColumn => users.id)
	},
	(t) => [uniqueIndex('scenario_versions_key_version').on(t.key, t.version)]
);
export type ScenarioVersion = typeof scenarioVersions.$inferSelect;

/** A published rubric: immutable like scenario versions. */
export const rubricVersions = sqliteTable(
	'rubric_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		version: integer('version').notNull(),
		contentHash: text('content_hash').notNull(),
		titleEn: text('title_en').notNull(),
		titleZh: text('title_zh').notNull(),
		document: text('document', { mode: 'json' }).$type<RubricDocument>().notNull(),
		source: text('source').notNull(),
		sourceFile: text('source_file').notNull(),
		/** The learned detectors trained for this version (model JSON), or null for rules alone. */
		model: text('model'),
		modelFile: text('model_file'),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
		/** Who published it from the studio (null for the seed files). */
		publishedBy: integer('published_by').references((): AnySQLiteColumn => users.id)
	},
	(t) => [uniqueIndex('rubric_versions_key_version').on(t.key, t.version)]
);
export type RubricVersion = typeof rubricVersions.$inferSelect;

export const attemptModes = ['practice', 'certification'] as const;
export type AttemptMode = (typeof attemptModes)[number];

/** Who must play which scenario, in which mode, by when. */
export const assignments = sqliteTable(
	'assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scenarioKey: text('scenario_key').notNull(),
		mode: text('mode', { enum: attemptModes }).notNull(),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		assignedBy: integer('assigned_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		/** The version assigned (null on older rows: the newest version is played). */
		scenarioVersionId: integer('scenario_version_id').references(() => scenarioVersions.id),
		/** The team it was assigned through, when it was given to a whole team. */
		teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
		note: text('note'),
		/** When the trainee first saw it on their practice page (until then it is "new"). */
		seenAt: integer('seen_at', { mode: 'timestamp_ms' }),
		withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
		withdrawnBy: integer('withdrawn_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('assignments_user_idx').on(t.userId)]
);
export type Assignment = typeof assignments.$inferSelect;

/** One play of one scenario version; the persisted machine snapshot is the server's truth. */
export const attempts = sqliteTable(
	'attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scenarioVersionId: integer('scenario_version_id')
			.notNull()
			.references(() => scenarioVersions.id),
		rubricVersionId: integer('rubric_version_id')
			.notNull()
			.references(() => rubricVersions.id),
		assignmentId: integer('assignment_id').references(() => assignments.id, {
			onDelete: 'set null'
		}),
		mode: text('mode', { enum: attemptModes }).notNull(),
		seed: integer('seed').notNull(),
		snapshot: text('snapshot', { mode: 'json' }).$type<unknown>().notNull(),
		state: text('state').notNull(),
		mood: integer('mood').notNull(),
		replies: integer('replies').notNull().default(0),
		done: integer('done', { mode: 'boolean' }).notNull().default(false),
		outcome: text('outcome'),
		score: integer('score'),
		/** Sum of the reply scores, so the running mean needs no re-read of earlier turns. */
		scoreTotal: integer('score_total').notNull().default(0),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('attempts_user_idx').on(t.userId),
		// A certification assignment is played once: one attempt, which closes it when it ends.
		uniqueIndex('attempts_one_certification')
			.on(t.assignmentId)
			.where(sql`mode = 'certification' and assignment_id is not null`)
	]
);
export type Attempt = typeof attempts.$inferSelect;

/** The conversation: customer lines (both languages) and trainee replies with their assessment. */
export const turns = sqliteTable(
	'turns',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id, { onDelete: 'cascade' }),
		index: integer('index').notNull(),
		speaker: text('speaker', { enum: ['customer', 'trainee'] }).notNull(),
		/** For a trainee reply: how many replies came before it (the `turn` the client sent). */
		replyIndex: integer('reply_index'),
		text: text('text'),
		line: text('line', { mode: 'json' }).$type<{ zh: string; en: string }>(),
		assessment: text('assessment', { mode: 'json' }).$type<Assessment>(),
		responseMs: integer('response_ms'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('turns_attempt_index').on(t.attemptId, t.index),
		uniqueIndex('turns_attempt_reply').on(t.attemptId, t.replyIndex)
	]
);
export type Turn = typeof turns.$inferSelect;

/** A published clause of the rulebook (code@version): immutable; a change is a new version. */
export const criteriaVersions = sqliteTable(
	'criteria_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		code: text('code').notNull(),
		version: integer('version').notNull(),
		kind: text('kind', { enum: ['reward', 'penalty'] }).notNull(),
		contentHash: text('content_hash').notNull(),
		document: text('document', { mode: 'json' }).$type<Clause>().notNull(),
		effectiveFrom: integer('effective_from', { mode: 'timestamp_ms' }).notNull(),
		effectiveTo: integer('effective_to', { mode: 'timestamp_ms' }),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
		publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
		/** Who wrote the draft and who approved it (four eyes); null for the seeded catalogue. */
		authoredBy: integer('authored_by').references(() => users.id, { onDelete: 'set null' }),
		approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [uniqueIndex('criteria_versions_code_version').on(t.code, t.version)]
);
export type CriteriaVersion = typeof criteriaVersions.$inferSelect;

export const draftStatuses = ['draft', 'approved', 'published', 'discarded'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

/** A proposed clause version: edited by its author, approved by a second person, then published. */
export const criteriaDrafts = sqliteTable(
	'criteria_drafts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		code: text('code').notNull(),
		/** The version this draft changes; null for a new clause. */
		baseVersionId: integer('base_version_id').references(() => criteriaVersions.id),
		document: text('document', { mode: 'json' }).$type<Clause>().notNull(),
		status: text('status', { enum: draftStatuses }).notNull(),
		/** Bumped by every save: a save made against an older revision is refused. */
		revision: integer('revision').notNull().default(1),
		authorId: integer('author_id')
			.notNull()
			.references(() => users.id),
		approvedBy: integer('approved_by').references(() => users.id),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
		publishedVersionId: integer('published_version_id').references(() => criteriaVersions.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('criteria_drafts_code_idx').on(t.code)]
);
export type CriteriaDraft = typeof criteriaDrafts.$inferSelect;

export const acknowledgements = sqliteTable(
	'acknowledgements',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		criteriaVersionId: integer('criteria_version_id')
			.notNull()
			.references(() => criteriaVersions.id),
		acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('acknowledgements_user_version').on(t.userId, t.criteriaVersionId)]
);

/** The ledger: entries are never edited or deleted; a correction is a reversing entry. */
export const ledgerEntries = sqliteTable(
	'ledger_entries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		criteriaVersionId: integer('criteria_version_id')
			.notNull()
			.references(() => criteriaVersions.id),
		kind: text('kind', { enum: ['reward', 'penalty'] }).notNull(),
		/** Signed: rewards positive, penalties negative; a reversal carries the opposite sign. */
		points: integer('points').notNull(),
		status: text('status', { enum: entryStatuses }).notNull(),
		period: text('period').notNull(),
		attemptId: integer('attempt_id').references(() => attempts.id, { onDelete: 'set null' }),
		turnIndex: integer('turn_index'),
		quote: text('quote'),
		decidedBy: text('decided_by').notNull(),
		/** A reversal: the entry it cancels (same size, opposite sign; the database checks). */
		reversesEntryId: integer('reverses_entry_id'),
		/** A partly accepted dispute's replacement: the entry it replaces (same sign, smaller). */
		adjustsEntryId: integer('adjusts_entry_id'),
		/** The person who confirmed a held entry: it cites them as well as the evidence. */
		reviewedBy: integer('reviewed_by').references((): AnySQLiteColumn => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('ledger_user_period_idx').on(t.userId, t.period)]
);
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

/** A month whose month-end clauses have been applied: each month closes once. */
export const periodCloses = sqliteTable('period_closes', {
	period: text('period').primaryKey(),
	closedAt: integer('closed_at', { mode: 'timestamp_ms' }).notNull(),
	entries: integer('entries').notNull()
});

/** Append-only: each row stores the SHA-256 of the previous row's hash and its own content. */
export const auditLog = sqliteTable('audit_log', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	at: integer('at', { mode: 'timestamp_ms' }).notNull(),
	actor: text('actor').notNull(),
	action: text('action').notNull(),
	payload: text('payload').notNull(),
	prevHash: text('prev_hash').notNull(),
	hash: text('hash').notNull()
});

/** An employee's challenge of one ledger entry, its supervisor's ruling and, once, an admin's. */
export const disputes = sqliteTable('disputes', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	entryId: integer('entry_id')
		.notNull()
		.unique()
		.references(() => ledgerEntries.id),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id),
	reason: text('reason').notNull(),
	openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
	status: text('status', { enum: ['open', 'accepted', 'partial', 'rejected'] }).notNull(),
	ruledBy: integer('ruled_by').references(() => users.id),
	ruling: text('ruling'),
	ruledAt: integer('ruled_at', { mode: 'timestamp_ms' }),
	finalBy: integer('final_by').references(() => users.id),
	finalDecision: text('final_decision', { enum: ['upheld', 'overturned'] }),
	finalRuling: text('final_ruling'),
	finalAt: integer('final_at', { mode: 'timestamp_ms' })
});
export type Dispute = typeof disputes.$inferSelect;

export * from './review-schema';
export * from './studio-schema';
