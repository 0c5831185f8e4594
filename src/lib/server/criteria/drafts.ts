import { desc, eq, inArray } from 'drizzle-orm';
import { changedFields, type ClauseField } from '../../engine/rulebook/diff';
import { stepDraft, type DraftEvent } from '../../engine/rulebook/drafts';
import type { Refusal } from '../../engine/rulebook/lifecycle';
import {
	clauseSchema,
	isRealDate,
	type Clause,
	type ClauseKind
} from '../../engine/rulebook/schema';
import * as v from 'valibot';
import { canGovernRules, canPublishScope, type Actor } from '../access';
import { publishedViolations } from '../attempts';
import * as audit from '../audit';
import { contentHash } from '../canonical';
import { getDb, write, type DbOrTx } from '../db';
import { criteriaDrafts, criteriaVersions, teams, users, type CriteriaDraft } from '../db/schema';
import { byId, latest, publishVersion } from './versions';

/** Something the rules of drafting do not allow; `reason` says which, for the person who tried. */
export class DraftRefused extends Error {
	constructor(readonly reason: Refusal) {
		super(reason);
	}
}

export type DraftView = CriteriaDraft & {
	authorName: string;
	approverName: string | null;
	base: Clause | null;
	baseVersion: number | null;
	changes: ClauseField[];
	/** What this actor may do to the draft now. */
	can: Record<DraftEvent, boolean>;
	/** Why publishing is not offered, when it is not. */
	publishBlocked: Refusal | null;
};

function relation(actor: Actor, draft: CriteriaDraft) {
	if (!canGovernRules(actor)) return 'none' as const;
	return draft.authorId === actor.id ? ('author' as const) : ('reviewer' as const);
}

function context(tx: DbOrTx, actor: Actor, draft: CriteriaDraft) {
	const current = latest(draft.code, tx);
	return {
		changed: !current || current.contentHash !== contentHash(draft.document),
		scopeAllowed: canPublishScope(actor, draft.document.teams, tx),
		approvedBy: draft.approvedBy,
		actorId: actor.id,
		authorId: draft.authorId
	};
}

function find(tx: DbOrTx, actor: Actor, draftId: number): CriteriaDraft {
	const draft = tx.select().from(criteriaDrafts).where(eq(criteriaDrafts.id, draftId)).get();
	if (!draft || !canGovernRules(actor)) throw new DraftRefused('not_found');
	return draft;
}

function check(tx: DbOrTx, actor: Actor, draft: CriteriaDraft, event: DraftEvent) {
	const outcome = stepDraft(draft.status, event, relation(actor, draft), context(tx, actor, draft));
	if (!outcome.ok) throw new DraftRefused(outcome.reason);
	return outcome.to;
}

/** What the file checks do for the catalogue, for a clause edited in the browser. */
function soundDraft(tx: DbOrTx, clause: Clause): boolean {
	const days = [clause.effectiveFrom, clause.effectiveTo].filter((d) => d !== undefined);
	if (!days.every(isRealDate)) return false;
	if (clause.effectiveFrom && clause.effectiveTo && clause.effectiveTo <= clause.effectiveFrom)
		return false;
	if (clause.trigger.type === 'certification_critical_violation') {
		const critical = publishedViolations(tx).filter((v) => v.severity === 'critical');
		if (!clause.trigger.violations.every((id) => critical.some((v) => v.id === id))) return false;
	}
	const known = new Set(
		tx
			.select({ name: teams.name })
			.from(teams)
			.all()
			.map((t) => t.name)
	);
	return !clause.teams || (clause.teams.length > 0 && clause.teams.every((t) => known.has(t)));
}

/** The next free code of a kind: R-05 after R-04. */
function nextCode(tx: DbOrTx, kind: ClauseKind): string {
	const prefix = kind === 'reward' ? 'R' : 'P';
	const used = [
		...tx.select({ code: criteriaVersions.code }).from(criteriaVersions).all(),
		...tx.select({ code: criteriaDrafts.code }).from(criteriaDrafts).all()
	]
		.map((r) => r.code)
		.filter((c) => c.startsWith(prefix))
		.map((c) => Number(c.slice(2)));
	return `${prefix}-${String(Math.max(0, ...used) + 1).padStart(2, '0')}`;
}

/** A blank clause of a kind, for a new draft. */
function blank(code: string, kind: ClauseKind): Clause {
	const text = { zh: '（待填写）', en: '(to be written)' };
	return {
		code,
		kind,
		title: text,
		definition: text,
		counts: text,
		doesNotCount: text,
		example: text,
		trigger:
			kind === 'reward'
				? { type: 'certification_score_at_least', min: 90 }
				: { type: 'certification_critical_violation', violations: ['disrespect'] },
		points: kind === 'reward' ? 10 : 5,
		capPerMonth: 1,
		roles: ['trainee']
	};
}

/** Starts a draft: a copy of a clause's newest version, or a new clause of a kind. */
export function create(
	actor: Actor,
	from: { code: string } | { kind: ClauseKind },
	now = new Date()
): CriteriaDraft {
	if (!canGovernRules(actor)) throw new DraftRefused('not_allowed');
	return write((tx) => {
		const base = 'code' in from ? latest(from.code, tx) : null;
		if ('code' in from && !base) throw new DraftRefused('not_found');
		const document = base
			? base.document
			: blank(
					nextCode(tx, (from as { kind: ClauseKind }).kind),
					(from as { kind: ClauseKind }).kind
				);
		const draft = tx
			.insert(criteriaDrafts)
			.values({
				code: document.code,
				baseVersionId: base?.id ?? null,
				document,
				status: 'draft',
				authorId: actor.id,
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'criteria.draft',
			{ draft: draft.id, code: draft.code },
			now
		);
		return draft;
	});
}

/**
 * Saves the author's edit of every field. `revision` is the one the author started from: a save
 * made over someone else's newer save is refused rather than silently overwriting it. Editing an
 * approved draft withdraws the approval.
 */
export function save(
	actor: Actor,
	draftId: number,
	revision: number,
	clause: Clause,
	now = new Date()
): CriteriaDraft {
	return write((tx) => {
		const draft = find(tx, actor, draftId);
		check(tx, actor, draft, 'edit');
		if (draft.revision !== revision) throw new DraftRefused('stale');
		const parsed = v.safeParse(clauseSchema, {
			...clause,
			code: draft.code,
			kind: draft.document.kind
		});
		if (!parsed.success || !soundDraft(tx, parsed.output)) throw new DraftRefused('invalid');
		const saved = tx
			.update(criteriaDrafts)
			.set({
				document: parsed.output,
				status: 'draft',
				approvedBy: null,
				approvedAt: null,
				revision: draft.revision + 1,
				updatedAt: now
			})
			.where(eq(criteriaDrafts.id, draftId))
			.returning()
			.get();
		audit.append(
			tx,
			`user:${actor.id}`,
			'criteria.draft_edit',
			{ draft: draftId, revision: saved.revision, hash: contentHash(parsed.output) },
			now
		);
		return saved;
	});
}

/** A second person approves the draft as it stands. */
export function approve(actor: Actor, draftId: number, now = new Date()): void {
	write((tx) => {
		const draft = find(tx, actor, draftId);
		check(tx, actor, draft, 'approve');
		tx.update(criteriaDrafts)
			.set({ status: 'approved', approvedBy: actor.id, approvedAt: now, updatedAt: now })
			.where(eq(criteriaDrafts.id, draftId))
			.run();
		audit.append(
			tx,
			`user:${actor.id}`,
			'criteria.approve',
			{ draft: draftId, code: draft.code, hash: contentHash(draft.document) },
			now
		);
	});
}

/** Publishes an approved draft as the clause's next version, with both names on it. */
export function publish(actor: Actor, draftId: number, now = new Date()) {
	return write((tx) => {
		const draft = find(tx, actor, draftId);
		check(tx, actor, draft, 'publish');
		const row = publishVersion(
			tx,
			draft.document,
			{ authoredBy: draft.authorId, approvedBy: draft.approvedBy, publishedBy: actor.id },
			now
		);
		if (!row) throw new DraftRefused('unchanged');
		tx.update(criteriaDrafts)
			.set({ status: 'published', publishedVersionId: row.id, updatedAt: now })
			.where(eq(criteriaDrafts.id, draftId))
			.run();
		return row;
	});
}

export function discard(actor: Actor, draftId: number, now = new Date()): void {
	write((tx) => {
		const draft = find(tx, actor, draftId);
		check(tx, actor, draft, 'discard');
		tx.update(criteriaDrafts)
			.set({ status: 'discarded', updatedAt: now })
			.where(eq(criteriaDrafts.id, draftId))
			.run();
		audit.append(tx, `user:${actor.id}`, 'criteria.discard', { draft: draftId }, now);
	});
}

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

function view(db: DbOrTx, actor: Actor, draft: CriteriaDraft): DraftView {
	const base = draft.baseVersionId ? byId(draft.baseVersionId, db) : null;
	const current = latest(draft.code, db);
	const who = names(
		db,
		[draft.authorId, draft.approvedBy].filter((n) => n !== null)
	);
	const rel = relation(actor, draft);
	const ctx = context(db, actor, draft);
	const can = (event: DraftEvent) => stepDraft(draft.status, event, rel, ctx).ok;
	const publishing = stepDraft(draft.status, 'publish', rel, ctx);
	return {
		...draft,
		authorName: who.get(draft.authorId) ?? '',
		approverName: draft.approvedBy ? (who.get(draft.approvedBy) ?? '') : null,
		base: current?.document ?? base?.document ?? null,
		baseVersion: current?.version ?? null,
		changes: current ? changedFields(current.document, draft.document) : [],
		can: {
			edit: can('edit'),
			approve: can('approve'),
			publish: can('publish'),
			discard: can('discard')
		},
		publishBlocked: publishing.ok || draft.status !== 'approved' ? null : publishing.reason
	};
}

export function get(actor: Actor, draftId: number): DraftView | null {
	const db = getDb();
	try {
		return view(db, actor, find(db, actor, draftId));
	} catch (e) {
		if (e instanceof DraftRefused) return null;
		throw e;
	}
}

/** Open drafts (not yet published or discarded), newest first, for supervisors and admins. */
export function listOpen(actor: Actor): DraftView[] {
	if (!canGovernRules(actor)) return [];
	const db = getDb();
	return db
		.select()
		.from(criteriaDrafts)
		.where(inArray(criteriaDrafts.status, ['draft', 'approved']))
		.orderBy(desc(criteriaDrafts.updatedAt))
		.all()
		.map((d) => view(db, actor, d));
}
