import fs from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import { checkReferences } from '../engine/scenario';
import { rubricIds, type CompiledRubric } from '../engine/scoring';
import { formatProblem, SourceFile, type Problem } from '../engine/source';
import { contentHash, sha256Hex } from './canonical';
import { getDb, type Tx } from './db';
import { rubricVersions, scenarioVersions } from './db/schema';
import { checkRubrics, rubricFiles, type CheckedRubric } from './rubric-files';
import {
	checkScenarioSources,
	scenarioFiles,
	type CheckedScenario,
	type ScenarioCheck,
	type ScenarioSource
} from './scenario-files';

/** Content files with problems: nothing was imported. */
export class ContentImportError extends Error {
	constructor(readonly problems: Problem[]) {
		super(
			`content files have ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`
		);
	}
}

export type ImportReport = { created: { key: string; version: number }[]; unchanged: string[] };
export type ContentReport = { rubrics: ImportReport; scenarios: ImportReport };

/** Checks rubric files, then scenario files against the rubrics they name. */
export function checkContent(files = { rubrics: rubricFiles(), scenarios: scenarioFiles() }) {
	const rubricCheck = checkRubrics(files.rubrics);
	const byKey = new Map(rubricCheck.rubrics.map((r) => [r.rubric.key, r.rubric]));
	const sources = files.scenarios.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
	// With a broken rubric file, a scenario naming it says nothing more than the rubric's problems.
	const scenarioCheck = checkScenarioContent(sources, byKey, {
		missingRubric: rubricCheck.problems.length === 0 ? missingRubricFile : null
	});
	return {
		rubrics: rubricCheck.rubrics,
		scenarios: scenarioCheck.scenarios,
		problems: [...rubricCheck.problems, ...scenarioCheck.problems]
	};
}

export const missingRubricFile = (key: string) => `no rubric "${key}" in scenarios/rubrics`;
export const missingPublishedRubric = (key: string) => `no published rubric "${key}"`;

/**
 * Checks scenario sources (files, or YAML written in the studio) against compiled rubrics by key:
 * loading, linting, and the reference replies played through the scorer. Every problem located.
 */
export function checkScenarioContent(
	sources: ScenarioSource[],
	rubrics: Map<string, CompiledRubric>,
	{ missingRubric = missingRubricFile as ((key: string) => string) | null } = {}
): ScenarioCheck {
	const scenarioCheck = checkScenarioSources(sources, (key) => {
		const rubric = rubrics.get(key);
		return rubric ? rubricIds(rubric) : undefined;
	});
	const references = scenarioCheck.scenarios.flatMap((s) => {
		const rubric = rubrics.get(s.compiled.scenario.rubric);
		if (!rubric) return [];
		const checked = checkReferences(s.compiled, rubric);
		s.plays = checked.plays;
		const source = new SourceFile(s.file, s.source);
		return checked.problems.map((p) => source.problemAt(p.path, p.message));
	});
	const unknownRubric = scenarioCheck.scenarios
		.filter((s) => missingRubric && !rubrics.has(s.compiled.scenario.rubric))
		.map((s) =>
			new SourceFile(s.file, s.source).problemAt(
				['rubric'],
				missingRubric!(s.compiled.scenario.rubric)
			)
		);
	return {
		scenarios: scenarioCheck.scenarios,
		problems: [...scenarioCheck.problems, ...references, ...unknownRubric]
	};
}

type Versioned = typeof scenarioVersions | typeof rubricVersions;

/**
 * The next version number for content, or null when the newest version has the same content. With
 * `known`, also null when any earlier version had it: the library files are imported on every seed,
 * and a file a trainer has since superseded in the studio must not come back as a newer version.
 */
function nextVersion(
	tx: Tx,
	table: Versioned,
	key: string,
	hash: string,
	known = false
): number | null {
	const rows = tx
		.select({ version: table.version, contentHash: table.contentHash })
		.from(table as typeof scenarioVersions)
		.where(eq(table.key, key))
		.orderBy(desc(table.version))
		.all();
	if (rows[0]?.contentHash === hash) return null;
	if (known && rows.some((r) => r.contentHash === hash)) return null;
	return (rows[0]?.version ?? 0) + 1;
}

/**
 * Publishes checked rubrics and scenarios in one transaction: unchanged content keeps its version,
 * changed content becomes version n+1, and earlier versions stay as they were (attempts cite them).
 */
export function publish(
	rubrics: CheckedRubric[],
	scenarios: CheckedScenario[],
	now = new Date()
): ContentReport {
	return getDb().transaction((tx) => publishIn(tx, rubrics, scenarios, { now }));
}

/**
 * `publish` inside a transaction the caller holds, so that what goes with it (a draft marked
 * published, an audit row) commits or rolls back together; `publishedBy` for the studio.
 */
export function publishIn(
	tx: Tx,
	rubrics: CheckedRubric[],
	scenarios: CheckedScenario[],
	{ now = new Date(), publishedBy = null as number | null, fromFiles = false } = {}
): ContentReport {
	const report: ContentReport = {
		rubrics: { created: [], unchanged: [] },
		scenarios: { created: [], unchanged: [] }
	};
	for (const { file, source, rubric, model } of rubrics) {
		// A retrained model makes a new version: attempts keep the model they were scored with.
		const hash = model
			? contentHash({ doc: rubric.doc, model: sha256Hex(model.text) })
			: contentHash(rubric.doc);
		const version = nextVersion(tx, rubricVersions, rubric.key, hash, fromFiles);
		if (version === null) {
			report.rubrics.unchanged.push(rubric.key);
			continue;
		}
		tx.insert(rubricVersions)
			.values({
				key: rubric.key,
				version,
				contentHash: hash,
				titleEn: rubric.doc.title.en,
				titleZh: rubric.doc.title.zh,
				document: rubric.doc,
				source,
				sourceFile: file,
				model: model?.text ?? null,
				modelFile: model?.file ?? null,
				publishedAt: now,
				publishedBy
			})
			.run();
		report.rubrics.created.push({ key: rubric.key, version });
	}
	for (const { file, source, compiled } of scenarios) {
		const { scenario } = compiled;
		const hash = contentHash(scenario);
		const version = nextVersion(tx, scenarioVersions, scenario.key, hash, fromFiles);
		if (version === null) {
			report.scenarios.unchanged.push(scenario.key);
			continue;
		}
		tx.insert(scenarioVersions)
			.values({
				key: scenario.key,
				version,
				contentHash: hash,
				titleEn: scenario.title.en,
				titleZh: scenario.title.zh,
				category: scenario.category,
				difficulty: scenario.difficulty,
				rubricKey: scenario.rubric,
				document: scenario,
				source,
				sourceFile: file,
				publishedAt: now,
				publishedBy
			})
			.run();
		report.scenarios.created.push({ key: scenario.key, version });
	}
	return report;
}

/** Checks every rubric and scenario file and imports them all, or nothing (throwing every problem). */
export function importFiles(
	files = { rubrics: rubricFiles(), scenarios: scenarioFiles() },
	now = new Date()
): ContentReport {
	const { rubrics, scenarios, problems } = checkContent(files);
	if (problems.length > 0) throw new ContentImportError(problems);
	return getDb().transaction((tx) => publishIn(tx, rubrics, scenarios, { now, fromFiles: true }));
}
