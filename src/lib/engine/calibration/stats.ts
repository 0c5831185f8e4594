/**
 * The statistics of one criterion in one language over a set of calibrated items: how well the
 * scorer matches the consensus, and how well the graders agree with each other. A set can be one
 * closed session or several pooled together; the items are simply concatenated, never the
 * statistics averaged.
 */
import {
	cohensKappa,
	confusion,
	krippendorffAlpha,
	percentAgreement,
	precision,
	recall,
	type Pair
} from './agreement';
import type { Answer } from './consensus';
import { binaryOf, criterionKey, type Criterion, type CriterionKey, type Labels } from './labels';

export type Lang = 'zh' | 'en';
export const langs: readonly Lang[] = ['zh', 'en'];

/** One item of a closed calibration session: what the scorer said, each grader, and the consensus. */
export type CalibrationItem = {
	id: number;
	lang: Lang;
	scorer: Labels;
	answers: Answer[];
	consensus: Labels;
};

/** How the scorer and the graders did on one criterion in one language. */
export type CriterionStats = {
	criterion: CriterionKey;
	lang: Lang;
	/** Items whose consensus is a yes/no for this criterion: the statistics below are over these. */
	items: number;
	/** Of those, items where the scorer gave no yes/no (left it out, or said "not needed"). */
	abstained: number;
	/** Cohen's kappa, scorer against consensus. */
	kappa: number | null;
	/** Percent agreement, scorer against consensus. */
	agreement: number | null;
	/** Of the scorer's "yes" (problem present / shown), the share the consensus also says yes. */
	precision: number | null;
	/** Of the consensus's "yes", the share the scorer also says yes. */
	recall: number | null;
	/** Krippendorff's alpha among the graders (not the scorer), over every item in the language. */
	alpha: number | null;
};

/**
 * The scorer-against-consensus pairs for a criterion: one per item whose consensus is a yes/no.
 * Where the scorer gave no yes/no of its own it is counted as having said the opposite of the
 * consensus, so a scorer cannot look reliable by staying silent on the hard items; how often that
 * happened is reported as `abstained`.
 */
export function scorerPairs(
	items: readonly CalibrationItem[],
	criterion: Criterion
): { pairs: Pair[]; abstained: number } {
	const pairs: Pair[] = [];
	let abstained = 0;
	for (const item of items) {
		const reference = binaryOf(item.consensus, criterion);
		if (reference === null) continue;
		const judged = binaryOf(item.scorer, criterion);
		if (judged === null) abstained++;
		pairs.push([judged ?? !reference, reference]);
	}
	return { pairs, abstained };
}

/** The graders' yes/no values for a criterion, one unit per item (null where a grader gave none). */
export function graderUnits(
	items: readonly CalibrationItem[],
	criterion: Criterion
): (boolean | null)[][] {
	return items.map((item) => item.answers.map((answer) => binaryOf(answer.labels, criterion)));
}

/** The statistics of one criterion over the items in one language. */
export function criterionStats(
	items: readonly CalibrationItem[],
	criterion: Criterion,
	lang: Lang
): CriterionStats {
	const inLang = items.filter((item) => item.lang === lang);
	const { pairs, abstained } = scorerPairs(inLang, criterion);
	const table = confusion(pairs);
	return {
		criterion: criterionKey(criterion),
		lang,
		items: pairs.length,
		abstained,
		kappa: cohensKappa(pairs),
		agreement: percentAgreement(pairs),
		precision: precision(table),
		recall: recall(table),
		alpha: krippendorffAlpha(graderUnits(inLang, criterion))
	};
}
