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
import { locales, roles } from '../../roles';

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
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull()
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
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('rubric_versions_key_version').on(t.key, t.version)]
);
export type RubricVersion = typeof rubricVersions.$inferSelect;
