/** A scenario as its authors read it: its versions, the graph of one version, and how attempts went. */
import { asc, desc, eq } from 'drizzle-orm';
import {
	criterionNames,
	scenarioGraph,
	shortestPaths,
	type Scenario,
	type ScenarioGraph,
	type ShortestPath
} from '../../engine/scenario';
import { canAuthorContent, type Actor } from '../access';
import { getDb, type DbOrTx } from '../db';
import { rubricVersions, scenarioVersions, users } from '../db/schema';
import { countPaths, type PathCounts } from './paths';

export type VersionEntry = {
	version: number;
	publishedAt: Date;
	/** Who published it from the studio; null for a version imported from the library files. */
	publishedBy: string | null;
};

export type ScenarioDetail = {
	key: string;
	versionId: number;
	version: number;
	versions: VersionEntry[];
	scenario: Scenario;
	graph: ScenarioGraph;
	paths: ShortestPath[];
	counts: PathCounts;
};

export type DetailResult =
	| { ok: true; detail: ScenarioDetail }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'no_version' };

/** The versions of a scenario, oldest first, with who published each. */
export function versionsOf(key: string, db: DbOrTx = getDb()) {
	return db
		.select({
			id: scenarioVersions.id,
			version: scenarioVersions.version,
			publishedAt: scenarioVersions.publishedAt,
			publishedBy: users.displayName,
			rubricKey: scenarioVersions.rubricKey,
			document: scenarioVersions.document
		})
		.from(scenarioVersions)
		.leftJoin(users, eq(scenarioVersions.publishedBy, users.id))
		.where(eq(scenarioVersions.key, key))
		.orderBy(asc(scenarioVersions.version))
		.all();
}

/** The graph of a scenario, its edges labelled with the newest names its rubric gives its criteria. */
export function graphOf(
	scenario: Scenario,
	rubricKey: string,
	db: DbOrTx = getDb()
): ScenarioGraph {
	const rubric = db
		.select({ document: rubricVersions.document })
		.from(rubricVersions)
		.where(eq(rubricVersions.key, rubricKey))
		.orderBy(desc(rubricVersions.version))
		.limit(1)
		.get();
	const names = rubric
		? criterionNames(rubric.document)
		: { dimension: () => undefined, violation: () => undefined };
	return scenarioGraph(scenario, names);
}

/**
 * One version of a scenario (the newest when none is asked for) for a trainer or admin: its graph,
 * the shortest way to each ending, and the transitions and endings of its recorded attempts.
 */
export function detail(
	actor: Actor,
	key: string,
	version?: number,
	db: DbOrTx = getDb()
): DetailResult {
	if (!canAuthorContent(actor)) return { ok: false, reason: 'forbidden' };
	const rows = versionsOf(key, db);
	if (rows.length === 0) return { ok: false, reason: 'not_found' };
	const row =
		version === undefined ? rows[rows.length - 1] : rows.find((r) => r.version === version);
	if (!row) return { ok: false, reason: 'no_version' };
	const graph = graphOf(row.document, row.rubricKey, db);
	return {
		ok: true,
		detail: {
			key,
			versionId: row.id,
			version: row.version,
			versions: rows.map((r) => ({
				version: r.version,
				publishedAt: r.publishedAt,
				publishedBy: r.publishedBy ?? null
			})),
			scenario: row.document,
			graph,
			paths: shortestPaths(graph),
			counts: countPaths(row.id, row.document, db)
		}
	};
}
