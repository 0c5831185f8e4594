/**
 * The trainer studio: scenario drafts (YAML written in the browser, saved per author with a
 * revision for the version check) and rubric drafts (added or removed detections on top of a
 * published rubric version). Publishing turns a draft into an immutable version.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { rubricVersions, scenarioVersions, users } from './schema';

const at = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** A scenario being written: its YAML source and the revision a save must name. */
export const scenarioDrafts = sqliteTable(
	'scenario_drafts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		authorId: integer('author_id')
			.notNull()
			.references(() => users.id),
		/** The scenario key found in the source at the last save (null while it cannot be read). */
		key: text('key'),
		title: text('title').notNull(),
		source: text('source').notNull(),
		/** Bumped by every save: a save naming an older revision is refused, never merged silently. */
		revision: integer('revision').notNull().default(1),
		/** The published version this draft was copied from, if any. */
		baseVersionId: integer('base_version_id').references(() => scenarioVersions.id),
		/** The version the last publish of this draft created. */
		publishedVersionId: integer('published_version_id').references(() => scenarioVersions.id),
		discardedAt: at('discarded_at'),
		createdAt: at('created_at').notNull(),
		updatedAt: at('updated_at').notNull(),
		updatedBy: integer('updated_by').references(() => users.id)
	},
	(t) => [index('scenario_drafts_author_idx').on(t.authorId)]
);
export type ScenarioDraft = typeof scenarioDrafts.$inferSelect;

/** One change a rubric draft makes to its base version's detection. */
export type RubricChange = {
	/** `dimension` or `violation`, and which one. */
	target: { kind: 'dimension' | 'violation'; id: string };
	op: 'add' | 'remove';
	/** What is added or removed: a phrase the rules look for, or an example reply. */
	field: 'phrase' | 'example';
	lang: 'zh' | 'en';
	value: string;
};

/** A rubric being changed: the published version it starts from and the changes on top. */
export const rubricDrafts = sqliteTable(
	'rubric_drafts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		authorId: integer('author_id')
			.notNull()
			.references(() => users.id),
		rubricKey: text('rubric_key').notNull(),
		baseVersionId: integer('base_version_id')
			.notNull()
			.references(() => rubricVersions.id),
		changes: text('changes', { mode: 'json' }).$type<RubricChange[]>().notNull(),
		note: text('note'),
		revision: integer('revision').notNull().default(1),
		publishedVersionId: integer('published_version_id').references(() => rubricVersions.id),
		discardedAt: at('discarded_at'),
		createdAt: at('created_at').notNull(),
		updatedAt: at('updated_at').notNull()
	},
	(t) => [index('rubric_drafts_author_idx').on(t.authorId)]
);
export type RubricDraft = typeof rubricDrafts.$inferSelect;
