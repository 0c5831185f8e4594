import { and, asc, desc, eq } from 'drizzle-orm';
import { getDb } from './db';
import { scenarioVersions, type ScenarioVersion } from './db/schema';

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
