import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access';
import * as audit from '../audit';
import { contentHash, sha256Hex } from '../canonical';
import { getDb, write } from '../db';
import { rubricVersions, type RubricVersion } from '../db/schema';
import { rubricDrafts } from '../db/studio-schema';
import { draftSource, find, newestVersion, statusOf, versionRow } from './drafts';
import { compileDraft, type ModelOutcome } from './model';
import { RubricDraftRefused } from './refused';

export type Published = { version: RubricVersion; model: ModelOutcome };

/**
 * Publishes a draft as the next version of its rubric, which new attempts then use: refused when
 * someone saved the draft since `revision`, when a newer version was published since the draft
 * began, or when it changes nothing. The version, the draft and the audit row are one transaction.
 */
export function publish(actor: Actor, id: number, revision: number, now = new Date()): Published {
	const db = getDb();
	const draft = find(db, actor, id);
	if (!draft) throw new RubricDraftRefused('not_found');
	if (statusOf(draft) !== 'open') throw new RubricDraftRefused('closed');
	if (draft.revision !== revision) throw new RubricDraftRefused('stale');
	if (draft.changes.length === 0) throw new RubricDraftRefused('no_change');
	const base = versionRow(db, draft.baseVersionId);
	// Compiling (and binding the model) takes a moment: done before the write lock is taken.
	const { source } = draftSource(base, draft.changes);
	const compiled = compileDraft(base, source);
	const doc = compiled.rubric.doc;
	const hash = compiled.model
		? contentHash({ doc, model: sha256Hex(compiled.model.text) })
		: contentHash(doc);
	return write((tx) => {
		const newest = newestVersion(tx, draft.rubricKey);
		if (newest && newest.id !== base.id) throw new RubricDraftRefused('outdated_base');
		if (hash === base.contentHash) throw new RubricDraftRefused('no_change');
		const version = tx
			.insert(rubricVersions)
			.values({
				key: base.key,
				version: base.version + 1,
				contentHash: hash,
				titleEn: doc.title.en,
				titleZh: doc.title.zh,
				document: doc,
				source,
				sourceFile: base.sourceFile,
				model: compiled.model?.text ?? null,
				modelFile: compiled.model?.file ?? null,
				publishedAt: now,
				publishedBy: actor.id
			})
			.returning()
			.get();
		const closed = tx
			.update(rubricDrafts)
			.set({ publishedVersionId: version.id, revision: draft.revision + 1, updatedAt: now })
			.where(and(eq(rubricDrafts.id, draft.id), eq(rubricDrafts.revision, draft.revision)))
			.returning()
			.get();
		if (!closed) throw new RubricDraftRefused('stale');
		audit.append(
			tx,
			`user:${actor.id}`,
			'rubric.publish',
			{
				draftId: draft.id,
				rubric: base.key,
				version: version.version,
				from: base.version,
				changes: draft.changes,
				model: compiled.outcome
			},
			now
		);
		return { version, model: compiled.outcome };
	});
}
