import { describe, expect, it } from 'vitest';
import { consensus, type Answer } from './consensus';
import type { Criterion, DimensionLabel, Labels } from './labels';
import { calibrationReport } from './report';
import type { CalibrationItem, Lang } from './stats';

const empathy: Criterion = { kind: 'dimension', id: 'empathy' };
const blame: Criterion = { kind: 'violation', id: 'blame' };
const criteria = [empathy, blame];
const OWNER = 1;

const labels = (dimension: DimensionLabel, violation: boolean): Labels => ({
	dimensions: { empathy: dimension },
	violations: { blame: violation }
});

/** An item whose consensus is formed from the graders' answers, as a closed session would have it. */
function item(id: number, lang: Lang, scorer: Labels, graders: Labels[]): CalibrationItem {
	const answers: Answer[] = graders.map((l, i) => ({ graderId: i + 1, labels: l }));
	return { id, lang, scorer, answers, consensus: consensus(answers, OWNER, criteria).labels };
}

/*
 * Grader 1 marks the violation on every item (strict); grader 3 credits empathy on item 2 where
 * the others do not (lenient); grader 2 always matches the consensus.
 *
 *   item lang  scorer            grader 1          grader 2          grader 3          consensus
 *   1    zh    shown, no         shown, yes        shown, no         shown, no         shown, no
 *   2    zh    not_shown, yes    not_shown, yes    not_shown, yes    shown, yes        not_shown, yes
 *   3    zh    shown, yes        not_needed, yes   not_needed, no    not_needed, no    not_needed, no
 *   4    en    not_needed, no    shown, yes        shown, no         shown, no         shown, no
 */
const items = [
	item(1, 'zh', labels('shown', false), [
		labels('shown', true),
		labels('shown', false),
		labels('shown', false)
	]),
	item(2, 'zh', labels('not_shown', true), [
		labels('not_shown', true),
		labels('not_shown', true),
		labels('shown', true)
	]),
	item(3, 'zh', labels('shown', true), [
		labels('not_needed', true),
		labels('not_needed', false),
		labels('not_needed', false)
	]),
	item(4, 'en', labels('not_needed', false), [
		labels('shown', true),
		labels('shown', false),
		labels('shown', false)
	])
];
const report = calibrationReport(items, criteria);
const stats = (criterion: string, lang: Lang) =>
	report.criteria.find((s) => s.criterion === criterion && s.lang === lang);

describe('the calibration report, per criterion and language', () => {
	it('lists every criterion in both languages', () => {
		expect(report.criteria.map((s) => `${s.criterion}/${s.lang}`)).toEqual([
			'dimension:empathy/zh',
			'dimension:empathy/en',
			'violation:blame/zh',
			'violation:blame/en'
		]);
	});

	it('compares the scorer with the consensus on a violation', () => {
		// Pairs (scorer, consensus): (no, no), (yes, yes), (yes, no).
		// p_o = 2/3; p_e = 2/3 · 1/3 + 1/3 · 2/3 = 4/9; κ = (2/9) / (5/9) = 0.4; precision = 1/2.
		// Graders' units (yes, no, no), (yes, yes, yes), (yes, no, no): o_yy = 3, o_yn = o_ny = 2,
		// o_nn = 2, n_yes = 5, n_no = 4, n = 9; α = 1 − 8 · 4 / (2 · 5 · 4) = 0.2.
		const blameZh = stats('violation:blame', 'zh');
		expect(blameZh).toMatchObject({ items: 3, abstained: 0 });
		expect(blameZh?.kappa).toBeCloseTo(0.4, 9);
		expect(blameZh?.agreement).toBeCloseTo(2 / 3, 9);
		expect(blameZh?.precision).toBeCloseTo(0.5, 9);
		expect(blameZh?.recall).toBe(1);
		expect(blameZh?.alpha).toBeCloseTo(0.2, 9);
	});

	it('leaves "not needed" consensus out of a dimension\'s statistics', () => {
		expect(stats('dimension:empathy', 'zh')).toMatchObject({
			items: 2,
			kappa: 1,
			agreement: 1,
			precision: 1
		});
	});

	it('counts a scorer that gives no yes/no against it', () => {
		expect(stats('dimension:empathy', 'en')).toMatchObject({
			items: 1,
			abstained: 1,
			agreement: 0,
			precision: null,
			recall: 0
		});
	});
});

describe('the calibration report, per grader', () => {
	const grader = (id: number) => report.graders.find((g) => g.graderId === id);

	it('shows a grader who marks every violation as present as stricter (positive bias)', () => {
		// Violations: grader 1 says yes 4/4, the consensus 1/4 on the same items → 3/4.
		expect(grader(1)?.violationBias).toBeCloseTo(0.75, 9);
		expect(grader(1)?.dimensionBias).toBeCloseTo(0, 9);
		expect(grader(1)?.agreement).toBeCloseTo(4 / 7, 9);
		expect(grader(1)?.compared).toBe(7);
	});

	it('shows a grader who credits more dimensions as more lenient (positive bias)', () => {
		// Dimensions: grader 3 says shown 3/3, the consensus 2/3 → 1/3.
		expect(grader(3)?.dimensionBias).toBeCloseTo(1 / 3, 9);
		expect(grader(3)?.violationBias).toBeCloseTo(0, 9);
	});

	it('shows no bias for a grader who always matches the consensus', () => {
		expect(grader(2)).toEqual({
			graderId: 2,
			compared: 7,
			agreement: 1,
			violationBias: 0,
			dimensionBias: 0
		});
	});
});

describe('the calibration report, disagreements', () => {
	it('lists where the scorer differs from the consensus or the graders differ', () => {
		expect(report.disagreements.map((d) => `${d.itemId}/${d.criterion}`)).toEqual([
			'1/violation:blame',
			'2/dimension:empathy',
			'3/dimension:empathy',
			'3/violation:blame',
			'4/dimension:empathy',
			'4/violation:blame'
		]);
	});

	it("gives every judge's label", () => {
		expect(report.disagreements[2]).toEqual({
			itemId: 3,
			lang: 'zh',
			criterion: 'dimension:empathy',
			scorer: 'shown',
			consensus: 'not_needed',
			graders: { 1: 'not_needed', 2: 'not_needed', 3: 'not_needed' }
		});
	});

	it('lists an unsettled tie with no consensus value', () => {
		const answers: Answer[] = [
			{ graderId: 2, labels: labels('shown', false) },
			{ graderId: 3, labels: labels('not_shown', false) }
		];
		const agreed = consensus(answers, OWNER, criteria);
		expect(agreed.ties).toEqual(['dimension:empathy']);
		const tied = { id: 5, lang: 'en' as const, scorer: labels('shown', false), answers };
		expect(
			calibrationReport([{ ...tied, consensus: agreed.labels }], [empathy]).disagreements
		).toEqual([
			{
				itemId: 5,
				lang: 'en',
				criterion: 'dimension:empathy',
				scorer: 'shown',
				consensus: null,
				graders: { 2: 'shown', 3: 'not_shown' }
			}
		]);
	});
});
