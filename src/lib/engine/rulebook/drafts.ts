/**
 * A clause version's way to publication: its author edits a draft, a second person approves it
 * (four eyes), then someone entitled to its scope publishes it. Editing an approved draft withdraws
 * the approval.
 */
import { step, type Refusal, type Table } from './lifecycle';

export const draftStates = ['draft', 'approved', 'published', 'discarded'] as const;
export type DraftState = (typeof draftStates)[number];
export const draftEvents = ['edit', 'approve', 'publish', 'discard'] as const;
export type DraftEvent = (typeof draftEvents)[number];

/** The author, another supervisor or admin (a reviewer), or someone with no say. */
export type DraftRelation = 'author' | 'reviewer';

export type DraftContext = {
	/** The clause differs from the version in force (or is new). */
	changed: boolean;
	/** The publisher may publish a clause of this scope (server/access.ts canPublishScope). */
	scopeAllowed: boolean;
	/** The actor approved this draft, or is its author. */
	approvedBy: number | null;
	actorId: number;
	authorId: number;
};

const changed = (c: DraftContext): Refusal | null => (c.changed ? null : 'unchanged');
const scope = (c: DraftContext): Refusal | null => (c.scopeAllowed ? null : 'scope_needs_admin');
const secondPerson = (c: DraftContext): Refusal | null =>
	c.actorId === c.authorId ? 'own_draft' : null;

export const draftTable: Table<DraftState, DraftEvent, DraftContext, DraftRelation> = {
	draft: {
		edit: { to: 'draft', by: ['author'] },
		approve: { to: 'approved', by: ['author', 'reviewer'], when: [secondPerson, changed] },
		discard: { to: 'discarded', by: ['author'] }
	},
	approved: {
		edit: { to: 'draft', by: ['author'] },
		publish: { to: 'published', by: ['author', 'reviewer'], when: [changed, scope] },
		discard: { to: 'discarded', by: ['author'] }
	},
	published: {},
	discarded: {}
};

export const stepDraft = (
	from: DraftState,
	event: DraftEvent,
	relation: DraftRelation | 'none',
	context: DraftContext
) => step(draftTable, from, event, relation, context);
