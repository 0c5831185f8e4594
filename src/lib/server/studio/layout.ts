/**
 * The editor's graph, checked and laid out on the server: the same check as the browser's live
 * check, against the rubrics in force, and the same layout code as a scenario's page. The browser
 * never loads the layout engine.
 */
import * as v from 'valibot';
import type { GraphLayout, GraphLocale } from '../../components/graph/layout';
import { liveCheck, type RubricInfo } from '../../components/studio/live-check';
import type { ScenarioGraph } from '../../engine/scenario';
import { rubricIds } from '../../engine/scoring';
import type { Actor } from '../access';
import { getDb, type DbOrTx } from '../db';
import { layoutOf } from '../scenario-view/layout';
import { draftFor } from './drafts';
import { MAX_SOURCE, sourceField } from './forms';
import { rubricsInForce } from './publish';

/** The most a graph may hold to be laid out: far beyond any scenario a person can follow. */
export const MAX_NODES = 200;
export const MAX_EDGES = 1000;

/** What the editor posts: the source as typed, bounded as a saved draft is. */
export const layoutRequest = v.object({ source: sourceField });
/** The longest source in the widest encoding (four bytes a character), with room for JSON escapes. */
export const LAYOUT_BODY_LIMIT = 4 * MAX_SOURCE + 16 * 1024;

/** Each rubric in force by its ids and criterion names: what a live check needs. */
export function rubricInfos(db: DbOrTx = getDb()): RubricInfo[] {
	return [...rubricsInForce(db)].map(([key, rubric]) => ({
		key,
		ids: rubricIds(rubric),
		dimensions: rubric.doc.dimensions.map((d) => ({ id: d.id, title: d.title })),
		violations: rubric.doc.violations.map((x) => ({ id: x.id, title: x.title }))
	}));
}

export type DraftLayout =
	| { ok: true; graph: ScenarioGraph; layout: GraphLayout }
	| { ok: false; reason: 'unreadable' | 'too_large' };

/**
 * The graph of `source` (what a trainer is typing into draft `id`) and its layout. Refused, with
 * StudioRefused, to anyone who may not edit the draft; not laid out when the source does not load
 * or its graph is too large.
 */
export async function layoutDraft(
	actor: Actor,
	id: number,
	source: string,
	locale: GraphLocale,
	db: DbOrTx = getDb()
): Promise<DraftLayout> {
	draftFor(actor, id, db);
	const { graph } = liveCheck(source, rubricInfos(db));
	if (!graph) return { ok: false, reason: 'unreadable' };
	if (graph.nodes.length > MAX_NODES || graph.edges.length > MAX_EDGES)
		return { ok: false, reason: 'too_large' };
	return { ok: true, graph, layout: await layoutOf(graph, locale) };
}
