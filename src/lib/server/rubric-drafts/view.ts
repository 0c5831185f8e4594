import { eq } from 'drizzle-orm';
import { detectionsOf } from '../../engine/scoring/rubric-changes';
import type { Actor } from '../access';
import { getDb } from '../db';
import { users } from '../db/schema';
import type { RubricChange, RubricDraft } from '../db/studio-schema';
import { draftSource, find, newestVersion, statusOf, versionRow, type DraftStatus } from './drafts';
import { RubricDraftRefused } from './refused';

type Title = { zh: string; en: string };
export type CriterionView = {
	kind: 'dimension' | 'violation';
	id: string;
	title: Title;
	critical: boolean;
	phrases: { zh: string[]; en: string[] };
	examples: { zh: string[]; en: string[] };
};

export type DraftView = {
	draft: RubricDraft;
	status: DraftStatus;
	authorName: string;
	baseVersion: number;
	newestVersion: number;
	publishedVersion: number | null;
	criteria: CriterionView[];
	changes: (RubricChange & { title: Title })[];
};

/** A draft as its page shows it: every criterion with what the draft's rubric looks for. */
export function view(actor: Actor, id: number): DraftView | null {
	const db = getDb();
	const draft = find(db, actor, id);
	if (!draft) return null;
	const base = versionRow(db, draft.baseVersionId);
	let source = base.source;
	try {
		source = draftSource(base, draft.changes).source;
	} catch (e) {
		// A draft whose changes no longer apply is shown on its base; publishing it is refused.
		if (!(e instanceof RubricDraftRefused)) throw e;
	}
	const doc = base.document;
	const listed = [
		...doc.dimensions.map((d) => ({
			kind: 'dimension' as const,
			id: d.id,
			title: d.title,
			critical: false
		})),
		...doc.violations.map((v) => ({
			kind: 'violation' as const,
			id: v.id,
			title: v.title,
			critical: v.severity === 'critical'
		}))
	];
	const found = detectionsOf(source, listed);
	const criteria: CriterionView[] = listed.map((c, i) => ({
		...c,
		phrases: found[i]?.phrases ?? { zh: [], en: [] },
		examples: found[i]?.examples ?? { zh: [], en: [] }
	}));
	const titleOf = (t: RubricChange['target']) =>
		criteria.find((c) => c.kind === t.kind && c.id === t.id)?.title ?? { zh: t.id, en: t.id };
	const author = db
		.select({ name: users.displayName })
		.from(users)
		.where(eq(users.id, draft.authorId))
		.get();
	return {
		draft,
		status: statusOf(draft),
		authorName: author?.name ?? '',
		baseVersion: base.version,
		newestVersion: newestVersion(db, draft.rubricKey)?.version ?? base.version,
		publishedVersion: draft.publishedVersionId
			? versionRow(db, draft.publishedVersionId).version
			: null,
		criteria,
		changes: draft.changes.map((c) => ({ ...c, title: titleOf(c.target) }))
	};
}
