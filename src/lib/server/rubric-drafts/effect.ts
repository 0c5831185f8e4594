import fs from 'node:fs';
import {
	compareFindings,
	findingsOf,
	type Effect,
	type Findings
} from '../../engine/scoring/draft-effect';
import { labelsOf, type Labelled } from '../../engine/scoring/learned/pipeline';
import type { Actor } from '../access';
import { getDb } from '../db';
import { BLIND_SETS, readLabelled } from '../learned/corpus';
import { allowed, draftSource, find, versionRow } from './drafts';
import { compileDraft, compiledVersion, type ModelOutcome } from './model';
import { RubricDraftRefused } from './refused';

const DIR = 'tests/fixtures/scoring';

/**
 * The labelled sets kept for judging rubric changes: the development set and the sets written
 * apart (holdout and blind). The training corpus is left out: scoring it twice per draft would
 * take about 3 s against under 1 s for these 775 replies (measured), and the model has seen it.
 */
export const EFFECT_SETS = [
	`${DIR}/en.jsonl`,
	`${DIR}/zh.jsonl`,
	`${DIR}/holdout.jsonl`,
	`${DIR}/blind.jsonl`,
	`${DIR}/blind2.jsonl`,
	`${DIR}/blind3.jsonl`,
	...BLIND_SETS
];

export type DraftEffect = Effect & {
	/** The draft revision this was computed for. */
	revision: number;
	/** The criteria the draft changes, first in the figures. */
	focus: string[];
	model: ModelOutcome;
	ms: number;
	sets: number;
};

let labelled: { criteria: string; items: Labelled[] } | undefined;
const baseFindings = new Map<number, Findings>();
const cache = new Map<string, DraftEffect>();
const CACHE_SIZE = 20;

function itemsFor(criteria: string[]) {
	const key = criteria.join(',');
	if (labelled?.criteria !== key) {
		const files = EFFECT_SETS.filter((f) => fs.existsSync(f));
		if (files.length === 0) throw new RubricDraftRefused('no_sets');
		labelled = { criteria: key, items: files.flatMap((f) => readLabelled(f, undefined, criteria)) };
	}
	return labelled.items;
}

/**
 * Scores the labelled sets with the draft's base version and with the draft, as the app would
 * score them once it is published; computed once per draft revision.
 */
export function evaluate(actor: Actor, id: number): DraftEffect {
	const db = getDb();
	const draft = find(db, actor, id);
	if (!draft) throw new RubricDraftRefused('not_found');
	const cached = cache.get(`${draft.id}:${draft.revision}`);
	if (cached) return cached;
	const started = performance.now();
	const base = versionRow(db, draft.baseVersionId);
	const { source } = draftSource(base, draft.changes);
	const baseRubric = compiledVersion(base);
	const compiled = compileDraft(base, source);
	const criteria = labelsOf(baseRubric);
	const items = itemsFor(criteria);
	let before = baseFindings.get(base.id);
	if (!before) {
		before = findingsOf(items, baseRubric);
		baseFindings.set(base.id, before);
	}
	const after = findingsOf(items, compiled.rubric);
	const focus = [...new Set(draft.changes.map((c) => c.target.id))];
	const effect: DraftEffect = {
		...compareFindings(items, criteria, before, after),
		revision: draft.revision,
		focus,
		model: compiled.outcome,
		ms: Math.round(performance.now() - started),
		sets: EFFECT_SETS.filter((f) => fs.existsSync(f)).length
	};
	if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
	cache.set(`${draft.id}:${draft.revision}`, effect);
	return effect;
}

/** The effect already computed for the draft's current revision, if any (for the page's load). */
export function cachedEffect(actor: Actor, id: number, revision: number): DraftEffect | null {
	allowed(actor);
	return cache.get(`${id}:${revision}`) ?? null;
}
