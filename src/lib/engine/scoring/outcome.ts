import type { Assessment } from './assess';
import type { CompiledRubric } from './rubric';

/**
 * An attempt's score: the mean of its reply scores, capped by how the conversation ended (a call
 * that went public cannot be a distinction, whatever its replies scored).
 */
export function attemptScore(
	total: number,
	replies: number,
	outcome: string | null,
	rubric: Pick<CompiledRubric, 'outcomeCaps'>
): number {
	if (replies === 0) return 0;
	const cap = outcome ? (rubric.outcomeCaps[outcome] ?? 100) : 100;
	return Math.round(Math.min(cap, total / replies));
}

/** The part of an assessment that scenario guards read. */
export function toGuardAssessment(a: Assessment) {
	return {
		score: a.score,
		dimensions: Object.fromEntries(Object.entries(a.dimensions).map(([id, d]) => [id, d.score])),
		// Only findings the scorer is sure of move the conversation.
		violations: a.violations
			.filter((v) => !v.uncertain)
			.map(({ id, severity }) => ({ id, severity }))
	};
}
