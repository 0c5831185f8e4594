/**
 * Whether a criterion may be scored automatically in a language, or its scores still need a
 * human look. The decision is made on every calibrated item to date, pooled over the closed
 * sessions: the items are concatenated and the statistics computed once, because an average of
 * kappas from small sessions is neither a kappa nor stable.
 */
import type { Criterion } from './labels';
import { criterionStats, type CalibrationItem, type CriterionStats, type Lang } from './stats';

/** Fewest items with a consensus before the scorer can be trusted on a criterion. */
export const MIN_ITEMS = 30;
/** Lowest Cohen's kappa, scorer against consensus. */
export const MIN_KAPPA = 0.8;
/** Lowest precision of the scorer's "yes" against the consensus. */
export const MIN_PRECISION = 0.9;

/**
 * Statistics are sums of fractions, so a kappa that is exactly 0.8 on paper can come out as
 * 0.7999999999999999; values this close to a threshold count as reaching it.
 */
const TOLERANCE = 1e-9;

export type CriterionStatus = 'automatic' | 'needs_review';

/** What the gate looks at. */
export type GateInput = { items: number; kappa: number | null; precision: number | null };

/**
 * Automatic only when there are at least MIN_ITEMS items, kappa is at least MIN_KAPPA and
 * precision at least MIN_PRECISION. A missing kappa or precision (for instance a scorer that never
 * said "yes", so its precision is unknown) means the criterion needs review.
 */
export function criterionStatus({ items, kappa, precision }: GateInput): CriterionStatus {
	const reached = (value: number | null, min: number) => value !== null && value >= min - TOLERANCE;
	return items >= MIN_ITEMS && reached(kappa, MIN_KAPPA) && reached(precision, MIN_PRECISION)
		? 'automatic'
		: 'needs_review';
}

/** The statistics of a criterion in a language over several closed sessions, and its status. */
export function pooled(
	sessions: readonly (readonly CalibrationItem[])[],
	criterion: Criterion,
	lang: Lang
): CriterionStats & { status: CriterionStatus } {
	const stats = criterionStats(sessions.flat(), criterion, lang);
	return { ...stats, status: criterionStatus(stats) };
}
