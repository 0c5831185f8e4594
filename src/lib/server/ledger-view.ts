import * as attempts from './attempts';
import * as criteria from './criteria';
import * as ledger from './ledger';

/** A ledger as the pages show it: lines with their dispute, and the balance. */
export function ledgerView(userId: number) {
	const lines = ledger.forUser(userId);
	const disputes = new Map(ledger.disputesFor(lines.map((l) => l.id)).map((d) => [d.entryId, d]));
	const now = Date.now();
	return {
		balance: ledger.balance(lines),
		lines: lines.map((l) => {
			const d = disputes.get(l.id);
			return {
				id: l.id,
				code: l.code,
				version: l.version,
				points: l.points,
				status: l.status,
				expired: l.expired,
				attemptId: l.attemptId,
				quote: l.quote,
				reverses: l.reversesEntryId,
				createdAt: l.createdAt.toISOString(),
				disputable:
					!d &&
					!l.reversesEntryId &&
					l.status !== 'reversed' &&
					now - l.createdAt.getTime() <= ledger.DISPUTE_WINDOW_DAYS * 86_400_000,
				dispute: d
					? {
							id: d.id,
							status: d.status,
							reason: d.reason,
							ruling: d.ruling,
							finalDecision: d.finalDecision,
							final: d.finalAt !== null
						}
					: null
			};
		})
	};
}

/** The answer to a refused ledger action. */
export function refusalMessage(e: unknown, m: Record<string, () => string>): string | null {
	return e instanceof ledger.LedgerRefused
		? (m[`ledger_refused_${e.reason}`]?.() ?? e.reason)
		: null;
}

/** Everything a scorecard shows about one employee. */
export function scorecard(userId: number) {
	const view = ledgerView(userId);
	const periods = [...new Set(view.lines.map((l) => l.createdAt.slice(0, 7)))].sort().reverse();
	return {
		...view,
		periods: periods.map((period) => {
			const lines = view.lines.filter((l) => l.createdAt.startsWith(period));
			const counted = lines.filter((l) => l.status !== 'reversed' && !l.reverses && !l.expired);
			return { period, balance: counted.reduce((n, l) => n + l.points, 0), count: lines.length };
		}),
		openDisputes: view.lines.filter((l) => l.dispute?.status === 'open').length,
		pendingAcknowledgements: criteria.unacknowledged(userId).map((c) => `${c.code}@${c.version}`),
		dimensions: attempts.dimensionAverages(userId),
		attempts: attempts.listFor(userId).filter((a) => a.done).length
	};
}
