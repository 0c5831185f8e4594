import type { Assessment } from '../scoring/assess';
import { SHOWN } from '../scoring/assess';
import type { Labels } from './labels';

/** A rubric's criteria, as review and calibration ask about them. */
export type RubricCriteria = { dimensions: string[]; violations: string[] };

/**
 * What the automatic scorer said of a reply, as labels: an expected dimension shown or not, the
 * others not needed; a violation present only when it was found with certainty (an uncertain
 * finding is a question for a person, not the scorer's answer).
 */
export function scorerLabels(a: Assessment, criteria: RubricCriteria): Labels {
	const expected = new Set(a.expects ?? criteria.dimensions);
	return {
		dimensions: Object.fromEntries(
			criteria.dimensions.map((id) => [
				id,
				!expected.has(id)
					? 'not_needed'
					: (a.dimensions[id]?.score ?? 0) >= SHOWN
						? 'shown'
						: 'not_shown'
			])
		),
		violations: Object.fromEntries(
			criteria.violations.map((id) => [id, a.violations.some((v) => v.id === id && !v.uncertain)])
		)
	};
}

/**
 * Whether labels answer everything a reviewer is asked: every expected dimension (shown, not shown
 * or not needed) and every violation (yes or no). Returns what is missing.
 */
export function missingLabels(labels: Labels, expects: string[], criteria: RubricCriteria) {
	return [
		...expects.filter((id) => !(id in labels.dimensions)).map((id) => `dimension:${id}`),
		...criteria.violations.filter((id) => !(id in labels.violations)).map((id) => `violation:${id}`)
	];
}

/** The criteria on which two sets of labels differ (only those both answer). */
export function differences(a: Labels, b: Labels): string[] {
	return [
		...Object.keys(a.dimensions)
			.filter((id) => id in b.dimensions && a.dimensions[id] !== b.dimensions[id])
			.map((id) => `dimension:${id}`),
		...Object.keys(a.violations)
			.filter((id) => id in b.violations && a.violations[id] !== b.violations[id])
			.map((id) => `violation:${id}`)
	];
}
