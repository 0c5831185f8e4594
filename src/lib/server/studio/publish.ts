/**
 * Publishing from the studio: a draft (or YAML posted to the API) goes through the same checks as
 * `npm run scenarios:check`, reference replies against the rubric version in force included, and
 * the same import as the seed: an immutable version n+1, or nothing when the content is unchanged.
 */
import { and, desc, eq, max } from 'drizzle-orm';
import type { CompiledRubric } from '../../engine/scoring';
import type { Problem } from '../../engine/source';
import { canAuthorContent, type Actor } from '../access';
import { compiledRubric } from '../attempts';
import * as audit from '../audit';
import { contentHash } from '../canonical';
import { checkScenarioContent, missingPublishedRubric, publishIn } from '../content';
import { getDb, write, type DbOrTx } from '../db';
import { rubricVersions, scenarioVersions, type ScenarioVersion } from '../db/schema';
import { scenarioDrafts } from '../db/studio-schema';
import type { CheckedScenario } from '../scenario-files';
import { lineDiff, type DiffLine } from './diff';
import { draftFor, refuseStale } from './drafts';
import { StudioRefused } from './refused';

/** The newest published version of each rubric, compiled: what new attempts are scored with. */
export function rubricsInForce(db: DbOrTx = getDb()): Map<string, CompiledRubric> {
	const newest = db
		.select({ key: rubricVersions.key, version: max(rubricVersions.version) })
		.from(rubricVersions)
		.groupBy(rubricVersions.key)
		.all();
	const rows = newest.flatMap(({ key, version }) =>
		version === null
			? []
			: db
					.select({ id: rubricVersions.id, key: rubricVersions.key })
					.from(rubricVersions)
					.where(and(eq(rubricVersions.key, key), eq(rubricVersions.version, version)))
					.all()
	);
	return new Map(rows.map((r) => [r.key, compiledRubric(db, r.id)]));
}

export type SourceCheck = { checked: CheckedScenario | null; problems: Problem[] };

/** Every check `scenarios:check` makes of a file, made of one source written in the studio. */
export function checkSource(file: string, text: string, db: DbOrTx = getDb()): SourceCheck {
	const { scenarios, problems } = checkScenarioContent([{ file, text }], rubricsInForce(db), {
		missingRubric: missingPublishedRubric
	});
	return { checked: scenarios[0] ?? null, problems };
}

/** The version of `key` in force: its newest. */
export function inForce(key: string, db: DbOrTx = getDb()): ScenarioVersion | null {
	return (
		db
			.select()
			.from(scenarioVersions)
			.where(eq(scenarioVersions.key, key))
			.orderBy(desc(scenarioVersions.version))
			.limit(1)
			.get() ?? null
	);
}

export const draftFile = (id: number) => `studio:draft/${id}`;

export type PublishReview = {
	problems: Problem[];
	key: string | null;
	current: { version: number; publishedAt: Date } | null;
	diff: DiffLine[];
	/** The draft's content is exactly the version in force: publishing would create nothing. */
	unchanged: boolean;
};

/** What publishing a draft would do: its problems, or the line diff against the version in force. */
export function review(actor: Actor, id: number): PublishReview {
	const draft = draftFor(actor, id);
	const { checked, problems } = checkSource(draftFile(id), draft.source);
	const key = checked?.compiled.scenario.key ?? draft.key;
	const current = key ? inForce(key) : null;
	const unchanged =
		!!checked && !!current && current.contentHash === contentHash(checked.compiled.scenario);
	return {
		problems,
		key,
		current: current && { version: current.version, publishedAt: current.publishedAt },
		diff: lineDiff(current?.source ?? '', draft.source),
		unchanged
	};
}

export type Published = { key: string; version: number; created: boolean };

function publishChecked(
	actor: Actor,
	checked: CheckedScenario,
	now: Date,
	then: (tx: DbOrTx, result: Published & { versionId: number }) => void
): Published {
	return write((tx) => {
		const report = publishIn(tx, [], [checked], { now, publishedBy: actor.id });
		const key = checked.compiled.scenario.key;
		const version = inForce(key, tx)!;
		const result = { key, version: version.version, created: report.scenarios.created.length > 0 };
		then(tx, { ...result, versionId: version.id });
		return result;
	});
}

/**
 * Publishes a draft whose revision is still `revision`: checked first (nothing stored when it has
 * a problem), then imported; the draft records the version it made.
 */
export function publishDraft(
	actor: Actor,
	id: number,
	revision: number,
	now = new Date()
): Published {
	const draft = draftFor(actor, id);
	refuseStale(getDb(), draft, revision);
	const { checked, problems } = checkSource(draftFile(id), draft.source);
	if (!checked || problems.length > 0) throw new StudioRefused('invalid', { problems });
	return publishChecked(actor, checked, now, (tx, result) => {
		// Saved again while the checks ran: publish what was checked, or nothing.
		refuseStale(tx, draftFor(actor, id, tx), revision);
		if (!result.created) return;
		tx.update(scenarioDrafts)
			.set({ publishedVersionId: result.versionId })
			.where(eq(scenarioDrafts.id, id))
			.run();
		audit.append(
			tx,
			`user:${actor.id}`,
			'scenario.publish',
			{ draft: id, key: result.key, version: result.version },
			now
		);
	});
}

/** Publishes YAML sent to the API, with the same checks; nothing is stored when it has a problem. */
export function publishSource(actor: Actor, yaml: string, now = new Date()): Published {
	if (!canAuthorContent(actor)) throw new StudioRefused('not_allowed');
	const { checked, problems } = checkSource('studio:api', yaml);
	if (!checked || problems.length > 0) throw new StudioRefused('invalid', { problems });
	return publishChecked(actor, checked, now, (tx, result) => {
		if (!result.created) return;
		audit.append(
			tx,
			`user:${actor.id}`,
			'scenario.publish',
			{ key: result.key, version: result.version, via: 'api' },
			now
		);
	});
}

/** A published version's YAML source, for download. */
export function download(
	actor: Actor,
	key: string,
	version: number
): { filename: string; source: string } | null {
	if (!canAuthorContent(actor)) throw new StudioRefused('not_allowed');
	const row = getDb()
		.select({ source: scenarioVersions.source })
		.from(scenarioVersions)
		.where(and(eq(scenarioVersions.key, key), eq(scenarioVersions.version, version)))
		.get();
	return row ? { filename: `${key}-v${version}.yaml`, source: row.source } : null;
}

/** The published versions that can be copied into a draft: each scenario's, newest first. */
export function copyable(actor: Actor) {
	if (!canAuthorContent(actor)) throw new StudioRefused('not_allowed');
	return getDb()
		.select({
			id: scenarioVersions.id,
			key: scenarioVersions.key,
			version: scenarioVersions.version,
			titleEn: scenarioVersions.titleEn,
			titleZh: scenarioVersions.titleZh
		})
		.from(scenarioVersions)
		.orderBy(scenarioVersions.key, desc(scenarioVersions.version))
		.all();
}
