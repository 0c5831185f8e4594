import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { clauseMoment } from '../../engine/rulebook/period';
import type { Catalogue, Clause } from '../../engine/rulebook/schema';
import * as audit from '../audit';
import { contentHash } from '../canonical';
import { timeZone } from '../config';
import { getDb, write, type DbOrTx } from '../db';
import { criteriaVersions, type CriteriaVersion } from '../db/schema';

export { CATALOGUE_FILE, loadCatalogue } from '../criteria-files';

export function latest(code: string, db: DbOrTx = getDb()): CriteriaVersion | null {
	return (
		db
			.select()
			.from(criteriaVersions)
			.where(eq(criteriaVersions.code, code))
			.orderBy(desc(criteriaVersions.version))
			.limit(1)
			.get() ?? null
	);
}

export type Signatures = {
	authoredBy: number | null;
	approvedBy: number | null;
	publishedBy: number | null;
};

/**
 * Publishes a clause as the next version of its code, unless its content is the version in force
 * already (then null: nothing is created). It applies from its stated first day, never before it
 * is published: nothing is retroactive. Both signatures go into the audit row.
 */
export function publishVersion(
	tx: DbOrTx,
	clause: Clause,
	by: Signatures,
	now = new Date()
): CriteriaVersion | null {
	const hash = contentHash(clause);
	const previous = latest(clause.code, tx);
	if (previous?.contentHash === hash) return null;
	const zone = timeZone();
	const stated = clause.effectiveFrom ? clauseMoment(clause.effectiveFrom, zone) : now;
	const row = tx
		.insert(criteriaVersions)
		.values({
			code: clause.code,
			version: (previous?.version ?? 0) + 1,
			kind: clause.kind,
			contentHash: hash,
			document: clause,
			effectiveFrom: stated < now ? now : stated,
			// A last day of validity is included; a moment is the end itself.
			effectiveTo: clause.effectiveTo ? endOf(clause.effectiveTo, zone) : null,
			publishedAt: now,
			...by
		})
		.returning()
		.get();
	audit.append(
		tx,
		by.publishedBy === null ? 'system' : `user:${by.publishedBy}`,
		'criteria.publish',
		{
			code: row.code,
			version: row.version,
			hash,
			authoredBy: by.authoredBy,
			approvedBy: by.approvedBy,
			teams: clause.teams ?? null
		},
		now
	);
	return row;
}

function endOf(value: string, zone: string): Date {
	const start = clauseMoment(value, zone);
	return /^\d{4}-\d{2}-\d{2}$/.test(value)
		? new Date(start.getTime() + 24 * 60 * 60 * 1000)
		: start;
}

/** Publishes each clause of the catalogue file whose content changed (the seed of a new installation). */
export function publishCatalogue(catalogue: Catalogue, now = new Date()): string[] {
	return write((tx) =>
		catalogue.clauses
			.map((clause) =>
				publishVersion(tx, clause, { authoredBy: null, approvedBy: null, publishedBy: null }, now)
			)
			.filter((row) => row !== null)
			.map((row) => `${row.code}@${row.version}`)
	);
}

/** The newest version of each clause in force at `at`. */
export function inForce(at = new Date(), db: DbOrTx = getDb()): CriteriaVersion[] {
	const rows = db
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

export function byId(id: number, db: DbOrTx = getDb()): CriteriaVersion | null {
	return db.select().from(criteriaVersions).where(eq(criteriaVersions.id, id)).get() ?? null;
}

/** Every code ever published, newest version of each. */
export function allLatest(): CriteriaVersion[] {
	const rows = getDb()
		.select()
		.from(criteriaVersions)
		.orderBy(asc(criteriaVersions.code), desc(criteriaVersions.version))
		.all();
	return rows.filter((r, i) => i === 0 || rows[i - 1].code !== r.code);
}
