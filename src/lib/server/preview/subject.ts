/**
 * What a preview plays: a scenario draft as it is saved now, or a published version, compiled with
 * the rubric version in force (the one new attempts are scored with). Nothing here writes.
 */
import { and, desc, eq } from 'drizzle-orm';
import {
	compileScenario,
	loadScenario,
	type CompiledScenario,
	type Scenario
} from '../../engine/scenario';
import {
	compileAuthority,
	rubricIds,
	type CompiledAuthority,
	type CompiledRubric
} from '../../engine/scoring';
import { SourceFile, type Problem } from '../../engine/source';
import { canAuthorContent, type Actor } from '../access';
import { compiledRubric } from '../attempts';
import { missingPublishedRubric } from '../content';
import { getDb, type DbOrTx } from '../db';
import { rubricVersions, scenarioVersions } from '../db/schema';
import * as studio from '../studio';

export type Playable = {
	ok: true;
	compiled: CompiledScenario;
	authority: CompiledAuthority;
	rubric: CompiledRubric;
	rubricVersion: number;
};
/** A draft that does not load: its located problems, to fix in the editor. */
export type Broken = { ok: false; problems: Problem[] };
export type Subject = (Playable | Broken) & {
	title: { zh: string; en: string } | null;
	/** Where it came from: a draft (by id) or a published version. */
	origin: { kind: 'draft'; id: number } | { kind: 'version'; key: string; version: number };
};

/** Previews are for the people who write scenarios: trainers and admins. */
export class PreviewForbidden extends Error {}

function allow(actor: Actor) {
	if (!canAuthorContent(actor)) throw new PreviewForbidden('previews are for trainers and admins');
}

/** The newest published version of a rubric, compiled (cached with the attempts' rubrics). */
export function rubricInForce(
	key: string,
	db: DbOrTx = getDb()
): { rubric: CompiledRubric; version: number } | null {
	const row = db
		.select({ id: rubricVersions.id, version: rubricVersions.version })
		.from(rubricVersions)
		.where(eq(rubricVersions.key, key))
		.orderBy(desc(rubricVersions.version))
		.limit(1)
		.get();
	return row ? { rubric: compiledRubric(db, row.id), version: row.version } : null;
}

function playable(scenario: Scenario, rubric: CompiledRubric, version: number): Playable {
	return {
		ok: true,
		compiled: compileScenario(scenario),
		authority: compileAuthority(scenario.authority),
		rubric,
		rubricVersion: version
	};
}

/** Loads a scenario's YAML the way the checks do: its guards and expectations against its rubric. */
export function compileSource(
	file: string,
	source: string,
	db: DbOrTx = getDb()
): Playable | Broken {
	const first = loadScenario(file, source);
	if (!first.ok) return first;
	const inForce = rubricInForce(first.scenario.rubric, db);
	if (!inForce) {
		const message = missingPublishedRubric(first.scenario.rubric);
		return { ok: false, problems: [new SourceFile(file, source).problemAt(['rubric'], message)] };
	}
	const loaded = loadScenario(file, source, rubricIds(inForce.rubric));
	if (!loaded.ok) return loaded;
	return playable(loaded.scenario, inForce.rubric, inForce.version);
}

/** A live draft as it is saved now; null when there is no such draft (or it was discarded). */
export function ofDraft(actor: Actor, id: number): Subject | null {
	allow(actor);
	let draft: ReturnType<typeof studio.get>;
	try {
		draft = studio.get(actor, id);
	} catch (e) {
		if (e instanceof studio.StudioRefused && e.reason !== 'not_allowed') return null;
		throw e;
	}
	const loaded = compileSource(`draft ${id}`, draft.source);
	const title = loaded.ok ? loaded.compiled.scenario.title : null;
	return { ...loaded, title, origin: { kind: 'draft', id } };
}

/** A published version of a scenario (its newest when `version` is not given), or null. */
export function ofVersion(actor: Actor, key: string, version?: number): Subject | null {
	allow(actor);
	const db = getDb();
	const row = db
		.select()
		.from(scenarioVersions)
		.where(
			version === undefined
				? eq(scenarioVersions.key, key)
				: and(eq(scenarioVersions.key, key), eq(scenarioVersions.version, version))
		)
		.orderBy(desc(scenarioVersions.version))
		.limit(1)
		.get();
	if (!row) return null;
	const origin = { kind: 'version' as const, key, version: row.version };
	const inForce = rubricInForce(row.rubricKey, db);
	if (!inForce) throw new Error(`scenario ${key} names rubric ${row.rubricKey}, which is missing`);
	return {
		...playable(row.document, inForce.rubric, inForce.version),
		title: row.document.title,
		origin
	};
}
