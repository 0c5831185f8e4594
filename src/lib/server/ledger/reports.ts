import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
	balance as sum,
	counts,
	health as figures,
	isExpired
} from '../../engine/rulebook/figures';
import type { ClauseTrigger } from '../../engine/rulebook/schema';
import { canReadLedger, managedUserIds, type Actor } from '../access';
import { getDb, type DbOrTx } from '../db';
import { criteriaVersions, ledgerEntries, teams, users, type LedgerEntry } from '../db/schema';
import { disputesFor, rulingOverdue } from './disputes';

export type ClauseRef = {
	code: string;
	version: number;
	kind: 'reward' | 'penalty';
	title: { zh: string; en: string };
	currency: { amount: number; unit: 'CNY' } | null;
	trigger: ClauseTrigger;
};

export type LedgerLine = LedgerEntry & { clause: ClauseRef; expired: boolean; counted: boolean };

function linesOf(db: DbOrTx, userIds: number[], now: Date, period?: string): LedgerLine[] {
	if (userIds.length === 0) return [];
	return db
		.select({ entry: ledgerEntries, clause: criteriaVersions })
		.from(ledgerEntries)
		.innerJoin(criteriaVersions, eq(ledgerEntries.criteriaVersionId, criteriaVersions.id))
		.where(
			and(
				inArray(ledgerEntries.userId, userIds),
				period ? eq(ledgerEntries.period, period) : undefined
			)
		)
		.orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
		.all()
		.map(({ entry, clause }) => ({
			...entry,
			clause: {
				code: clause.code,
				version: clause.version,
				kind: clause.kind,
				title: clause.document.title,
				currency: clause.document.currency ?? null,
				trigger: clause.document.trigger
			},
			expired: isExpired(entry, now),
			counted: counts(entry, now)
		}));
}

/** A person's ledger, newest first, for themselves or someone who manages them; null otherwise. */
export function forUser(actor: Actor, userId: number, now = new Date()): LedgerLine[] | null {
	const db = getDb();
	return canReadLedger(actor, userId, db) ? linesOf(db, [userId], now) : null;
}

/** Points that count: not reversed, not a reversal, not expired. */
export const balance = (lines: LedgerLine[], now = new Date()) => sum(lines, now);

/** Balances of the people `actor` manages, by id. */
export function balances(actor: Actor, now = new Date()): Map<number, number> {
	const ids = managedUserIds(actor);
	const lines = linesOf(getDb(), ids, now);
	return new Map(
		ids.map((id) => [
			id,
			sum(
				lines.filter((l) => l.userId === id),
				now
			)
		])
	);
}

/** The people in scope of a health or export view: those `actor` manages, optionally one team's. */
export function scopeOf(actor: Actor, teamId: number | null): number[] {
	const managed = managedUserIds(actor);
	if (teamId === null) return managed;
	const members = new Set(
		getDb()
			.select({ id: users.id })
			.from(users)
			.where(eq(users.teamId, teamId))
			.all()
			.map((u) => u.id)
	);
	return managed.filter((id) => members.has(id));
}

/** The seeds' tests of a fair system for the people in scope and one month. */
export function health(actor: Actor, teamId: number | null, period: string, now = new Date()) {
	const originals = linesOf(getDb(), scopeOf(actor, teamId), now, period).filter(
		(l) => l.reversesEntryId === null
	);
	const found = disputesFor(originals.map((l) => l.id));
	const titles = new Map(originals.map((l) => [l.clause.code, l.clause.title]));
	const result = figures(
		originals.map((l) => ({ id: l.id, code: l.clause.code, kind: l.kind, status: l.status })),
		found.map((d) => ({
			entryId: d.entryId,
			status: d.status,
			finalDecision: d.finalDecision,
			overdue: rulingOverdue(d, now)
		}))
	);
	return {
		...result,
		clauses: result.clauses.map((c) => ({ ...c, title: titles.get(c.code)! }))
	};
}

/** The months with entries for the people in scope, newest first. */
export function periodsWithEntries(actor: Actor, teamId: number | null): string[] {
	const ids = scopeOf(actor, teamId);
	if (ids.length === 0) return [];
	return getDb()
		.selectDistinct({ period: ledgerEntries.period })
		.from(ledgerEntries)
		.where(and(inArray(ledgerEntries.userId, ids), isNull(ledgerEntries.reversesEntryId)))
		.orderBy(desc(ledgerEntries.period))
		.all()
		.map((r) => r.period);
}

export type CsvLabels = {
	header: string[];
	kind: (kind: 'reward' | 'penalty') => string;
	status: (status: string) => string;
	title: (title: { zh: string; en: string }) => string;
};

/**
 * A month's ledger as CSV for payroll, in the reader's language: one row per entry, with the
 * person's name and team, the clause's title, points and money. It starts with a byte-order mark
 * so that spreadsheet programs read it as UTF-8.
 */
export function csv(
	actor: Actor,
	teamId: number | null,
	period: string,
	labels: CsvLabels,
	now = new Date()
): string {
	const db = getDb();
	const ids = scopeOf(actor, teamId);
	const people = new Map(
		ids.length === 0
			? []
			: db
					.select({
						id: users.id,
						username: users.username,
						name: users.displayName,
						team: teams.name
					})
					.from(users)
					.leftJoin(teams, eq(users.teamId, teams.id))
					.where(inArray(users.id, ids))
					.all()
					.map((p) => [p.id, p])
	);
	const cell = (v: unknown) => {
		const text = v === null || v === undefined ? '' : String(v);
		// A leading =, +, - or @ would run as a formula in a spreadsheet.
		const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
		return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	const rows = linesOf(db, ids, now, period)
		.sort((a, b) => a.id - b.id)
		.map((l) => {
			const who = people.get(l.userId);
			const money =
				l.clause.currency && l.counted && l.reversesEntryId === null
					? (l.clause.currency.amount * Math.sign(l.points)).toFixed(2)
					: '';
			return [
				l.id,
				who?.name,
				who?.username,
				who?.team,
				`${l.clause.code} ${labels.title(l.clause.title)}`,
				l.clause.version,
				labels.kind(l.kind),
				l.points,
				money,
				labels.status(l.status),
				l.counted ? 1 : 0,
				l.attemptId,
				l.quote,
				l.reversesEntryId ?? l.adjustsEntryId,
				l.createdAt.toISOString()
			]
				.map(cell)
				.join(',');
		});
	return '\uFEFF' + [labels.header.map(cell).join(','), ...rows].join('\r\n') + '\r\n';
}
