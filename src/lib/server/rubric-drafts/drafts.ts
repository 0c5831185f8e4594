import { and, desc, eq } from 'drizzle-orm';
import { loadRubric, type CompiledRubric } from '../../engine/scoring';
import {
	applyChanges,
	withChange,
	type DetectionChange
} from '../../engine/scoring/rubric-changes';
import { canAuthorContent, type Actor } from '../access';
import * as audit from '../audit';
import { getDb, write, type DbOrTx } from '../db';
import { rubricVersions, users, type RubricVersion } from '../db/schema';
import { rubricDrafts, type RubricChange, type RubricDraft } from '../db/studio-schema';
import { DEFAULT_RUBRIC } from '../rubric-files';
import { RubricDraftRefused } from './refused';

export type DraftStatus = 'open' | 'published' | 'discarded';
export const statusOf = (d: RubricDraft): DraftStatus =>
	d.publishedVersionId !== null ? 'published' : d.discardedAt !== null ? 'discarded' : 'open';

export function allowed(actor: Actor) {
	if (!canAuthorContent(actor)) throw new RubricDraftRefused('not_allowed');
}

export function versionRow(db: DbOrTx, id: number): RubricVersion {
	const row = db.select().from(rubricVersions).where(eq(rubricVersions.id, id)).get();
	if (!row) throw new Error(`rubric version ${id} is missing`);
	return row;
}

export function newestVersion(db: DbOrTx, key: string) {
	return (
		db
			.select()
			.from(rubricVersions)
			.where(eq(rubricVersions.key, key))
			.orderBy(desc(rubricVersions.version))
			.limit(1)
			.get() ?? null
	);
}

/** A draft the actor may work on, or null when there is none with that id. */
export function find(db: DbOrTx, actor: Actor, id: number): RubricDraft | null {
	allowed(actor);
	return db.select().from(rubricDrafts).where(eq(rubricDrafts.id, id)).get() ?? null;
}

/** A draft that may still change, at the revision the caller saw. */
function openAt(db: DbOrTx, actor: Actor, id: number, revision: number): RubricDraft {
	const draft = find(db, actor, id);
	if (!draft) throw new RubricDraftRefused('not_found');
	if (statusOf(draft) !== 'open') throw new RubricDraftRefused('closed');
	if (draft.revision !== revision) throw new RubricDraftRefused('stale');
	return draft;
}

const sources = new Map<string, { source: string; rubric: CompiledRubric }>();
const SOURCES_KEPT = 20;

/**
 * The base version's text with the draft's changes, checked by the engine's own loader; kept for
 * the last few change lists (reading the rubric's YAML takes most of a tenth of a second).
 */
export function draftSource(base: RubricVersion, changes: readonly RubricChange[]) {
	const key = `${base.id}:${JSON.stringify(changes)}`;
	const known = sources.get(key);
	if (known) return known;
	const applied = applyChanges(base.source, changes);
	if (!applied.ok) throw new RubricDraftRefused('invalid_change', { change: applied.refusal });
	const loaded = loadRubric(base.sourceFile, applied.source);
	if (!loaded.ok) throw new RubricDraftRefused('does_not_load', { problems: loaded.problems });
	const result = { source: applied.source, rubric: loaded.rubric };
	if (sources.size >= SOURCES_KEPT) sources.delete(sources.keys().next().value!);
	sources.set(key, result);
	return result;
}

export type DraftSummary = {
	id: number;
	authorName: string;
	note: string | null;
	baseVersion: number;
	changes: number;
	status: DraftStatus;
	publishedVersion: number | null;
	updatedAt: Date;
};

/** Every rubric draft, newest first: trainers and admins share them. */
export function list(actor: Actor): DraftSummary[] {
	allowed(actor);
	const db = getDb();
	const rows = db
		.select({
			draft: rubricDrafts,
			authorName: users.displayName,
			baseVersion: rubricVersions.version
		})
		.from(rubricDrafts)
		.innerJoin(users, eq(users.id, rubricDrafts.authorId))
		.innerJoin(rubricVersions, eq(rubricVersions.id, rubricDrafts.baseVersionId))
		.orderBy(desc(rubricDrafts.updatedAt), desc(rubricDrafts.id))
		.all();
	return rows.map(({ draft, authorName, baseVersion }) => ({
		id: draft.id,
		authorName,
		note: draft.note,
		baseVersion,
		changes: draft.changes.length,
		status: statusOf(draft),
		publishedVersion: draft.publishedVersionId
			? versionRow(db, draft.publishedVersionId).version
			: null,
		updatedAt: draft.updatedAt
	}));
}

/** A new draft on the newest published version of a rubric. */
export function create(
	actor: Actor,
	note: string | null,
	key = DEFAULT_RUBRIC,
	now = new Date()
): RubricDraft {
	allowed(actor);
	return write((tx) => {
		const base = newestVersion(tx, key);
		if (!base) throw new RubricDraftRefused('not_found');
		const draft = tx
			.insert(rubricDrafts)
			.values({
				authorId: actor.id,
				rubricKey: key,
				baseVersionId: base.id,
				changes: [],
				note,
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'rubric_draft.create',
			{
				draftId: draft.id,
				rubric: key,
				baseVersion: base.version
			},
			now
		);
		return draft;
	});
}

/** Stores a new change list if nobody saved the draft since `revision`. */
function save(
	actor: Actor,
	draft: RubricDraft,
	changes: RubricChange[],
	action: string,
	payload: unknown,
	now: Date
) {
	return write((tx) => {
		const updated = tx
			.update(rubricDrafts)
			.set({ changes, revision: draft.revision + 1, updatedAt: now })
			.where(and(eq(rubricDrafts.id, draft.id), eq(rubricDrafts.revision, draft.revision)))
			.returning()
			.get();
		if (!updated) throw new RubricDraftRefused('stale');
		audit.append(
			tx,
			`user:${actor.id}`,
			action,
			{ draftId: draft.id, ...(payload as object) },
			now
		);
		return updated;
	});
}

/**
 * Adds a change to a draft: the phrase or example must be valid for its field and language, be
 * there to remove (or not there to add), and the changed rubric must still load. A change that
 * undoes an earlier one of the draft takes it out.
 */
export function change(
	actor: Actor,
	id: number,
	revision: number,
	requested: DetectionChange,
	now = new Date()
): RubricDraft {
	const db = getDb();
	const draft = openAt(db, actor, id, revision);
	const base = versionRow(db, draft.baseVersionId);
	const changes = withChange(draft.changes, requested);
	draftSource(base, changes);
	return save(actor, draft, changes, 'rubric_draft.change', { change: requested }, now);
}

/** Takes one change out of a draft (by its position in the list). */
export function undo(actor: Actor, id: number, revision: number, index: number, now = new Date()) {
	const db = getDb();
	const draft = openAt(db, actor, id, revision);
	if (!Number.isInteger(index) || index < 0 || index >= draft.changes.length)
		throw new RubricDraftRefused('not_found');
	const base = versionRow(db, draft.baseVersionId);
	const changes = draft.changes.filter((_, i) => i !== index);
	draftSource(base, changes);
	return save(actor, draft, changes, 'rubric_draft.undo', { change: draft.changes[index] }, now);
}

/** Sets a draft aside: it is kept, read-only. */
export function discard(actor: Actor, id: number, revision: number, now = new Date()) {
	const draft = openAt(getDb(), actor, id, revision);
	return write((tx) => {
		const updated = tx
			.update(rubricDrafts)
			.set({ discardedAt: now, revision: draft.revision + 1, updatedAt: now })
			.where(and(eq(rubricDrafts.id, draft.id), eq(rubricDrafts.revision, draft.revision)))
			.returning()
			.get();
		if (!updated) throw new RubricDraftRefused('stale');
		audit.append(tx, `user:${actor.id}`, 'rubric_draft.discard', { draftId: draft.id }, now);
		return updated;
	});
}
