/**
 * The report of a closed calibration session: per criterion and language how the scorer matches
 * the consensus and how the graders agree; per grader how often they match the consensus and in
 * which direction they lean; and the items worth discussing, where the scorer and the consensus
 * differ or the graders did not all agree.
 */
import { percentAgreement, type Pair } from './agreement';
import {
	binary,
	binaryOf,
	criterionKey,
	labelOf,
	type Criterion,
	type CriterionKey,
	type LabelValue
} from './labels';
import {
	criterionStats,
	langs,
	type CalibrationItem,
	type CriterionStats,
	type Lang
} from './stats';

/** How one grader compares with the consensus, over every item and criterion they answered. */
export type GraderStats = {
	graderId: number;
	/** Labels compared: both the grader and the consensus gave a yes/no. */
	compared: number;
	/** Share of those where the grader matched the consensus. */
	agreement: number | null;
	/**
	 * Share of "problem present" the grader marked minus the consensus's share, on the same
	 * violations: positive means stricter than the consensus.
	 */
	violationBias: number | null;
	/**
	 * Share of "shown" the grader marked minus the consensus's share, on the same dimensions:
	 * positive means more lenient than the consensus.
	 */
	dimensionBias: number | null;
};

/** An item and criterion worth discussing, with every judge's label (null = none given). */
export type Disagreement = {
	itemId: number;
	lang: Lang;
	criterion: CriterionKey;
	scorer: LabelValue | null;
	consensus: LabelValue | null;
	graders: Record<number, LabelValue>;
};

export type CalibrationReport = {
	/** One entry per criterion and language, criteria in the order given, then zh before en. */
	criteria: CriterionStats[];
	/** One entry per grader, by id. */
	graders: GraderStats[];
	disagreements: Disagreement[];
};

/** Mean of yes (1) over no (0) of the first values minus the same of the second; null if none. */
function shareDifference(pairs: readonly Pair[]): number | null {
	if (pairs.length === 0) return null;
	const first = pairs.filter(([g]) => g).length;
	const second = pairs.filter(([, c]) => c).length;
	return (first - second) / pairs.length;
}

/** Each grader against the consensus, by grader id. */
export function graderStats(
	items: readonly CalibrationItem[],
	criteria: readonly Criterion[]
): GraderStats[] {
	const pairs = new Map<number, { dimension: Pair[]; violation: Pair[] }>();
	for (const item of items)
		for (const answer of item.answers) {
			const mine = pairs.get(answer.graderId) ?? { dimension: [], violation: [] };
			pairs.set(answer.graderId, mine);
			for (const criterion of criteria) {
				const given = binaryOf(answer.labels, criterion);
				const agreed = binaryOf(item.consensus, criterion);
				if (given !== null && agreed !== null) mine[criterion.kind].push([given, agreed]);
			}
		}
	return [...pairs.entries()]
		.sort(([a], [b]) => a - b)
		.map(([graderId, { dimension, violation }]) => {
			const all = [...dimension, ...violation];
			return {
				graderId,
				compared: all.length,
				agreement: percentAgreement(all),
				violationBias: shareDifference(violation),
				dimensionBias: shareDifference(dimension)
			};
		});
}

/**
 * The items and criteria worth discussing: the scorer's yes/no differs from the consensus's
 * (a "not needed" or missing label is neither yes nor no, so it differs from both), or the graders who answered
 * did not all give the same label. Criteria no grader answered are left out.
 */
export function disagreements(
	items: readonly CalibrationItem[],
	criteria: readonly Criterion[]
): Disagreement[] {
	const found: Disagreement[] = [];
	for (const item of items)
		for (const criterion of criteria) {
			const graders: Record<number, LabelValue> = {};
			const given = new Set<LabelValue>();
			for (const answer of item.answers) {
				const value = labelOf(answer.labels, criterion);
				if (value === undefined) continue;
				graders[answer.graderId] = value;
				given.add(value);
			}
			if (given.size === 0) continue;
			const scorer = labelOf(item.scorer, criterion) ?? null;
			const agreed = labelOf(item.consensus, criterion) ?? null;
			const differs =
				binary(criterion.kind, scorer ?? undefined) !== binary(criterion.kind, agreed ?? undefined);
			if (!differs && given.size === 1) continue;
			found.push({
				itemId: item.id,
				lang: item.lang,
				criterion: criterionKey(criterion),
				scorer,
				consensus: agreed,
				graders
			});
		}
	return found;
}

/** The full report of one closed session. */
export function calibrationReport(
	items: readonly CalibrationItem[],
	criteria: readonly Criterion[]
): CalibrationReport {
	return {
		criteria: criteria.flatMap((criterion) =>
			langs.map((lang) => criterionStats(items, criterion, lang))
		),
		graders: graderStats(items, criteria),
		disagreements: disagreements(items, criteria)
	};
}
