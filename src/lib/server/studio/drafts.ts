/**
 * Scenario drafts: YAML written in the studio, saved with a revision that every save must name,
 * so that two people editing one draft never overwrite each other silently.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { parseDocument } from 'yaml';
import { canAuthorContent, type Actor } from '../access';
import * as audit from '../audit';
import { getDb, write, type DbOrTx } from '../db';
import { scenarioVersions, users } from '../db/schema';
import { scenarioDrafts, type ScenarioDraft } from '../db/studio-schema';
import { StudioRefused } from './refused';
import { BLANK, freeKey, templateSource, withKey, type TemplateName } from './templates';

export type DraftOrigin =
	| { kind: 'blank' }
	| { kind: 'template'; template: TemplateName }
	| { kind: 'copy'; versionId: number };

/** The key and titles a source names, as far as it can be read (a draft may be broken). */
export function describeSource(source: string): {
	key: string | null;
	title: { zh: string; en: string };
} {
	let doc: unknown;
	try {
		doc = parseDocument(source, { prettyErrors: false }).toJS({ maxAliasCount: 100 });
	} catch {
		doc = null; // a draft that is not YAML yet has no key or title
	}
	const record = (x: unknown) =>
		typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {};
	const text = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
	const root = record(doc);
	const title = record(root.title);
	const key = typeof root.key === 'string' && root.key.trim() ? root.key.trim() : null;
	return { key, title: { zh: text(title.zh), en: text(title.en) } };
}

const signed = (actor: Actor) => `user:${actor.id}`;

function allow(actor: Actor) {
	if (!canAuthorContent(actor)) throw new StudioRefused('not_allowed');
}

/** A draft `actor` may act on: any live draft for a trainer or admin (they share the studio). */
export function draftFor(
	actor: Actor,
	id: number,
	db: DbOrTx = getDb(),
	{ live = true } = {}
): ScenarioDraft {
	allow(actor);
	const draft = db.select().from(scenarioDrafts).where(eq(scenarioDrafts.id, id)).get();
	if (!draft) throw new StudioRefused('not_found');
	if (live && draft.discardedAt) throw new StudioRefused('discarded');
	return draft;
}

function takenKeys(db: DbOrTx): Set<string> {
	const published = db.selectDistinct({ key: scenarioVersions.key }).from(scenarioVersions).all();
	const drafted = db
		.select({ key: scenarioDrafts.key })
		.from(scenarioDrafts)
		.where(isNull(scenarioDrafts.discardedAt))
		.all();
	return new Set([...published, ...drafted].flatMap((r) => (r.key ? [r.key] : [])));
}

/** A new draft from a blank skeleton, a template (under a key not yet used) or a published version. */
export function create(actor: Actor, origin: DraftOrigin, now = new Date()): ScenarioDraft {
	allow(actor);
	return write((tx) => {
		let source: string;
		let baseVersionId: number | null = null;
		if (origin.kind === 'copy') {
			const version = tx
				.select()
				.from(scenarioVersions)
				.where(eq(scenarioVersions.id, origin.versionId))
				.get();
			if (!version) throw new StudioRefused('not_found');
			source = version.source;
			baseVersionId = version.id;
		} else {
			const name = origin.kind === 'blank' ? BLANK : origin.template;
			const text = templateSource(name);
			const base = describeSource(text).key ?? 'new-scenario';
			source = withKey(text, freeKey(base, takenKeys(tx)));
		}
		const { key, title } = describeSource(source);
		const draft = tx
			.insert(scenarioDrafts)
			.values({
				authorId: actor.id,
				key,
				title: title.en || title.zh,
				source,
				revision: 1,
				baseVersionId,
				createdAt: now,
				updatedAt: now,
				updatedBy: actor.id
			})
			.returning()
			.get();
		audit.append(
			tx,
			signed(actor),
			'scenario.draft_create',
			{ draft: draft.id, key, from: origin.kind === 'template' ? origin.template : origin.kind },
			now
		);
		return draft;
	});
}

const author = alias(users, 'author');
const editor = alias(users, 'editor');

export type DraftView = ScenarioDraft & { authorName: string; updatedByName: string | null };

function views(db: DbOrTx, where: ReturnType<typeof eq> | undefined) {
	return db
		.select({
			draft: scenarioDrafts,
			authorName: author.displayName,
			editorName: editor.displayName
		})
		.from(scenarioDrafts)
		.innerJoin(author, eq(scenarioDrafts.authorId, author.id))
		.leftJoin(editor, eq(scenarioDrafts.updatedBy, editor.id))
		.where(where)
		.orderBy(desc(scenarioDrafts.updatedAt), desc(scenarioDrafts.id))
		.all()
		.map((r) => ({ ...r.draft, authorName: r.authorName, updatedByName: r.editorName }));
}

/** One live draft with who wrote it and who saved it last. */
export function get(actor: Actor, id: number): DraftView {
	draftFor(actor, id);
	return views(getDb(), eq(scenarioDrafts.id, id))[0];
}

/** The live drafts: `actor`'s own first, then everyone else's, newest first within each. */
export function list(actor: Actor): DraftView[] {
	allow(actor);
	const all = views(getDb(), isNull(scenarioDrafts.discardedAt));
	return [
		...all.filter((d) => d.authorId === actor.id),
		...all.filter((d) => d.authorId !== actor.id)
	];
}

function refuseStale(tx: DbOrTx, draft: ScenarioDraft, revision: number) {
	if (draft.revision === revision) return;
	const by = draft.updatedBy
		? tx.select({ name: users.displayName }).from(users).where(eq(users.id, draft.updatedBy)).get()
		: undefined;
	throw new StudioRefused('stale', {
		lastSave: { by: by?.name ?? '', at: draft.updatedAt, revision: draft.revision }
	});
}

/**
 * Saves a draft's source if `revision` is still the draft's: a save made from an older revision
 * is refused with who saved last and when, and nothing is written.
 */
export function save(
	actor: Actor,
	id: number,
	input: { source: string; revision: number },
	now = new Date()
): ScenarioDraft {
	return write((tx) => {
		const draft = draftFor(actor, id, tx);
		refuseStale(tx, draft, input.revision);
		const { key, title } = describeSource(input.source);
		const saved = tx
			.update(scenarioDrafts)
			.set({
				source: input.source,
				key,
				title: title.en || title.zh,
				revision: draft.revision + 1,
				updatedAt: now,
				updatedBy: actor.id
			})
			.where(and(eq(scenarioDrafts.id, id), eq(scenarioDrafts.revision, draft.revision)))
			.returning()
			.get();
		audit.append(
			tx,
			signed(actor),
			'scenario.draft_save',
			{ draft: id, key, revision: saved.revision },
			now
		);
		return saved;
	});
}

/** Puts a draft aside: it leaves the lists and can no longer be saved or published. */
export function discard(actor: Actor, id: number, now = new Date()): void {
	write((tx) => {
		const draft = draftFor(actor, id, tx);
		tx.update(scenarioDrafts)
			.set({ discardedAt: now, updatedAt: now, updatedBy: actor.id })
			.where(eq(scenarioDrafts.id, id))
			.run();
		audit.append(tx, signed(actor), 'scenario.draft_discard', { draft: id, key: draft.key }, now);
	});
}

export { refuseStale };
