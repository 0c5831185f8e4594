import { asc, desc, inArray, lt } from 'drizzle-orm';
import type { Actor } from './access';
import { canonicalJson, sha256Hex } from './canonical';
import { getDb, type DbOrTx } from './db';
import { auditLog, users } from './db/schema';

const GENESIS = '0'.repeat(64);

function hashOf(
	prevHash: string,
	row: { at: number; actor: string; action: string; payload: string }
) {
	return sha256Hex(`${prevHash}\n${row.at}\n${row.actor}\n${row.action}\n${row.payload}`);
}

/** Appends an audit row chained to the previous one. Call it inside the transaction of the change. */
export function append(
	tx: DbOrTx,
	actor: string,
	action: string,
	payload: unknown,
	now = new Date()
) {
	const prev = tx
		.select({ hash: auditLog.hash })
		.from(auditLog)
		.orderBy(desc(auditLog.id))
		.limit(1)
		.get();
	const prevHash = prev?.hash ?? GENESIS;
	const row = { at: now.getTime(), actor, action, payload: canonicalJson(payload) };
	tx.insert(auditLog)
		.values({ ...row, at: now, prevHash, hash: hashOf(prevHash, row) })
		.run();
}

/** Walks the chain; the first row whose links or content do not add up, or null when all hold. */
export function verify(): { id: number; reason: string } | null {
	let prevHash = GENESIS;
	for (const row of getDb().select().from(auditLog).orderBy(asc(auditLog.id)).all()) {
		if (row.prevHash !== prevHash)
			return { id: row.id, reason: 'does not follow the row before it' };
		const expected = hashOf(prevHash, {
			at: row.at.getTime(),
			actor: row.actor,
			action: row.action,
			payload: row.payload
		});
		if (row.hash !== expected)
			return { id: row.id, reason: 'its content was changed after it was written' };
		prevHash = row.hash;
	}
	return null;
}

export type AuditRow = {
	id: number;
	at: string;
	/** The person's name, or null when the rules or the system acted (see `actor`). */
	actorName: string | null;
	actor: string;
	action: string;
	payload: Record<string, unknown>;
};

/** The newest audit rows, for admins only (null for anyone else), `before` a row id for paging. */
export function recent(viewer: Actor, limit = 50, before?: number): AuditRow[] | null {
	if (viewer.role !== 'admin') return null;
	const db = getDb();
	const rows = db
		.select()
		.from(auditLog)
		.where(before ? lt(auditLog.id, before) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(limit)
		.all();
	const ids = [
		...new Set(
			rows.flatMap((r) => {
				const match = /^user:(\d+)/.exec(r.actor);
				return match ? [Number(match[1])] : [];
			})
		)
	];
	const names = new Map(
		ids.length === 0
			? []
			: db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, u.name])
	);
	return rows.map((r) => {
		const match = /^user:(\d+)/.exec(r.actor);
		return {
			id: r.id,
			at: r.at.toISOString(),
			actorName: match ? (names.get(Number(match[1])) ?? null) : null,
			actor: r.actor,
			action: r.action,
			payload: JSON.parse(r.payload) as Record<string, unknown>
		};
	});
}
