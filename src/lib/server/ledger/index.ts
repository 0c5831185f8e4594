export { LedgerRefused, refusalStatus } from './refused';
export {
	autoConfirm,
	confirm,
	entryFor,
	markPaid,
	reverse,
	settleHeld,
	writeEntry
} from './entries';
export { dispute, disputesFor, finalRuling, rule, rulingOverdue, openFor } from './disputes';
export type { Ruling, FinalRuling } from './disputes';
export { closeDuePeriods, closePeriod, proposeFromAttempt } from './propose';
export {
	balance,
	balances,
	csv,
	forUser,
	health,
	periodsWithEntries,
	scopeOf,
	type ClauseRef,
	type CsvLabels,
	type LedgerLine
} from './reports';
export { ledgerView, refusalMessage, scorecard, type LineView } from './view';
