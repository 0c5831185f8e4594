import { and, asc, desc, eq } from 'drizzle-orm';
import { formatProblem, type Problem } from '../engine/source';
import { contentHash } from './canonical';
import { getDb } from './db';
import { scenarioVersions, type ScenarioVersion } from './db/schema';
import { checkScenarios, scenarioFiles, type CheckedScenario } from './scenario-files';

/** Scenario files with problems: nothing was imported. */
export class ScenarioImportError extends Error {
	constructor(readonly problems: Problem[]) {
		super(
			`scenario files have ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`
		);
	}
}

export type ImportReport = { created: { key: string; version: number }[]; unchanged: string[] };

/**
 * Publishes checked scenarios in one transaction: unchanged content keeps its version, changed
 * content becomes version n+1, and earlier versions stay as they were (attempts cite them).
 */
export function publish(checked: CheckedScenario[], now = new Date()): ImportReport {
	const report: ImportReport = { created: [], unchanged: [] };
	getDb().transaction((tx) => {
		for (const { file, source, compiled } of checked) {
			const { scenario } = compiled;
			const hash = contentHash(scenario);
			const latest = tx
				.select({ version: scenarioVersions.version, contentHash: scenarioVersions.contentHash })
				.from(scenarioVersions)
				.where(eq(scenarioVersions.key, scenario.key))
				.orderBy(desc(scenarioVersions.version))
				.limit(1)
				.get();
			if (latest?.contentHash === hash) {
				report.unchanged.push(scenario.key);
				continue;
			}
			const version = (latest?.version ?? 0) + 1;
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
					publishedAt: now
				})
				.run();
			report.created.push({ key: scenario.key, version });
		}
	});
	return report;
}

/** Checks every file and imports them all, or imports nothing and throws with every problem. */
export function importFiles(files = scenarioFiles(), now = new Date()): ImportReport {
	const { scenarios, problems } = checkScenarios(files);
	if (problems.length > 0) throw new ScenarioImportError(problems);
	return publish(scenarios, now);
}

export function getVersion(key: string, version: number): ScenarioVersion | null {
	return (
		getDb()
			.select()
			.from(scenarioVersions)
			.where(and(eq(scenarioVersions.key, key), eq(scenarioVersions.version, version)))
			.get() ?? null
	);
}

export function latest(key: string): ScenarioVersion | null {
	return (
		getDb()
			.select()
			.from(scenarioVersions)
			.where(eq(scenarioVersions.key, key))
			.orderBy(desc(scenarioVersions.version))
			.limit(1)
			.get() ?? null
	);
}

export function versions(key: string): ScenarioVersion[] {
	return getDb()
		.select()
		.from(scenarioVersions)
		.where(eq(scenarioVersions.key, key))
		.orderBy(asc(scenarioVersions.version))
		.all();
}

/** The newest version of every scenario, with how many versions it has had. */
export function listLatest(): (ScenarioVersion & { versionCount: number })[] {
	const all = getDb()
		.select()
		.from(scenarioVersions)
		.orderBy(asc(scenarioVersions.key), asc(scenarioVersions.version))
		.all();
	const byKey = new Map<string, ScenarioVersion[]>();
	for (const row of all) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
	return [...byKey.values()].map((rows) => ({
		...rows[rows.length - 1],
		versionCount: rows.length
	}));
}
