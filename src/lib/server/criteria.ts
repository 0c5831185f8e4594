import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import * as audit from './audit';
import { contentHash } from './canonical';
import { getDb } from './db';
import { acknowledgements, criteriaVersions, users, type CriteriaVersion } from './db/schema';
import * as criteriaFiles from './criteria-files';
import type { Catalogue, Clause } from './criteria-schema';

export type ClauseTrigger = Clause['trigger'];

export { CATALOGUE_FILE } from './criteria-files';

/** The catalogue file, checked (see criteria-files.ts); its rubric cross-checks need the rubrics. */
export function loadCatalogue(file = criteriaFiles.CATALOGUE_FILE): criteriaFiles.CatalogueLoad {
	return criteriaFiles.loadCatalogue(file);
}

/**
 * Publishes each clause of the catalogue whose content changed as its next version, effective from
 * now (or its stated date, never earlier than its publication: nothing applies retroactively).
 */
export function publishCatalogue(
	catalogue: Catalogue,
	publishedBy: number | null,
	now = new Date()
) {
	const created: string[] = [];
	getDb().transaction((tx) => {
		for (const clause of catalogue.clauses) {
			const hash = contentHash(clause);
			const latest = tx
				.select()
				.from(criteriaVersions)
				.where(eq(criteriaVersions.code, clause.code))
				.orderBy(desc(criteriaVersions.version))
				.limit(1)
				.get();
			if (latest?.contentHash === hash) continue;
			const stated = clause.effectiveFrom ? new Date(clause.effectiveFrom) : now;
			const row = tx
				.insert(criteriaVersions)
				.values({
					code: clause.code,
					version: (latest?.version ?? 0) + 1,
					kind: clause.kind,
					contentHash: hash,
					document: clause,
					effectiveFrom: stated < now ? now : stated,
					effectiveTo: clause.effectiveTo ? new Date(clause.effectiveTo) : null,
					publishedAt: now,
					publishedBy
				})
				.returning()
				.get();
			audit.append(
				tx,
				publishedBy === null ? 'system' : `user:${publishedBy}`,
				'criteria.publish',
				{
					code: row.code,
					version: row.version,
					hash
				},
				now
			);
			created.push(`${row.code}@${row.version}`);
		}
	});
	return created;
}

/** The newest version of each clause in force at `at`. */
export function inForce(at = new Date()): CriteriaVersion[] {
	const rows = getDb()
		.select()
		.from(criteriaVersions)
		.where(
			and(
				lte(criteriaVersions.publishedAt, at),
				lte(criteriaVersions.effectiveFrom, at),
				or(isNull(criteriaVersions.effectiveTo), gt(criteriaVersions.effectiveTo, at))
			)
		)
		.orderBy(asc(criteriaVersions.code), desc(criteriaVersions.version))
		.all();
	return rows.filter((r, i) => i === 0 || rows[i - 1].code !== r.code);
}

export function history(code: string): CriteriaVersion[] {
	return getDb()
		.select()
		.from(criteriaVersions)
		.where(eq(criteriaVersions.code, code))
		.orderBy(asc(criteriaVersions.version))
		.all();
}

/** Acknowledges every version in force the user has not acknowledged yet. */
export function acknowledge(userId: number, now = new Date()): number {
	const db = getDb();
	const pending = unacknowledged(userId, now);
	db.transaction((tx) => {
		for (const c of pending) {
			tx.insert(acknowledgements)
				.values({ userId, criteriaVersionId: c.id, acknowledgedAt: now })
				.run();
			audit.append(
				tx,
				`user:${userId}`,
				'criteria.acknowledge',
				{ code: c.code, version: c.version },
				now
			);
		}
	});
	return pending.length;
}

export function unacknowledged(userId: number, at = new Date()): CriteriaVersion[] {
	const acked = new Set(
		getDb()
			.select({ id: acknowledgements.criteriaVersionId })
			.from(acknowledgements)
			.where(eq(acknowledgements.userId, userId))
			.all()
			.map((a) => a.id)
	);
	return inForce(at).filter((c) => !acked.has(c.id));
}

/** Members of a team who still have clauses in force to acknowledge. */
export function pendingInTeam(teamId: number, at = new Date()) {
	return getDb()
		.select({ id: users.id, username: users.username, displayName: users.displayName })
		.from(users)
		.where(eq(users.teamId, teamId))
		.all()
		.map((u) => ({ ...u, pending: unacknowledged(u.id, at).map((c) => `${c.code}@${c.version}`) }))
		.filter((u) => u.pending.length > 0);
}

export type ClauseChange = {
	points: number;
	capPerMonth: number;
	definition: { zh: string; en: string };
	effectiveFrom?: Date;
};

/** A supervisor's change to a clause, published as its next version (never retroactive). */
export function publishRevision(
	userId: number,
	code: string,
	change: ClauseChange,
	now = new Date()
): CriteriaVersion | null {
	return getDb().transaction((tx) => {
		const latest = tx
			.select()
			.from(criteriaVersions)
			.where(eq(criteriaVersions.code, code))
			.orderBy(desc(criteriaVersions.version))
			.limit(1)
			.get();
		if (!latest) return null;
		const document: Clause = {
			...latest.document,
			points: change.points,
			capPerMonth: change.capPerMonth,
			definition: change.definition
		};
		const hash = contentHash(document);
		if (hash === latest.contentHash) return latest;
		const from = change.effectiveFrom && change.effectiveFrom > now ? change.effectiveFrom : now;
		const row = tx
			.insert(criteriaVersions)
			.values({
				code,
				version: latest.version + 1,
				kind: latest.kind,
				contentHash: hash,
				document,
				effectiveFrom: from,
				effectiveTo: latest.effectiveTo,
				publishedAt: now,
				publishedBy: userId
			})
			.returning()
			.get();
		audit.append(
			tx,
			`user:${userId}`,
			'criteria.publish',
			{ code, version: row.version, hash },
			now
		);
		return row;
	});
}

/** What changed between two versions of a clause, field by field. */
export function diff(
	before: Clause,
	after: Clause
): { field: string; before: string; after: string }[] {
	const flat = (c: Clause): Record<string, string> => ({
		points: String(c.points),
		capPerMonth: String(c.capPerMonth),
		'definition.en': c.definition.en,
		'definition.zh': c.definition.zh,
		'title.en': c.title.en,
		'title.zh': c.title.zh,
		trigger: JSON.stringify(c.trigger)
	});
	const a = flat(before);
	const b = flat(after);
	return Object.keys(a)
		.filter((k) => a[k] !== b[k])
		.map((field) => ({ field, before: a[field], after: b[field] }));
}
