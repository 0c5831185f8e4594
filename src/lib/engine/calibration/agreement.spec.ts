import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cohensKappa,
	confusion,
	krippendorffAlpha,
	nominalAlpha,
	percentAgreement,
	precision,
	recall,
	type Pair
} from './agreement';

const Y = true;
const N = false;

/** `count` copies of a pair. */
const times = (count: number, pair: Pair): Pair[] => Array.from({ length: count }, () => pair);

describe("Cohen's kappa, worked by hand", () => {
	/*
	 * Ten items, scorer against consensus (Y = yes, N = no):
	 *
	 *   item        1  2  3  4  5  6  7  8  9  10
	 *   scorer      Y  Y  Y  Y  Y  Y  N  N  N  N
	 *   consensus   Y  Y  Y  Y  Y  N  Y  N  N  N
	 *
	 *   tp = 5 (items 1-5), fp = 1 (item 6), fn = 1 (item 7), tn = 3 (items 8-10)
	 *   p_o = (tp + tn) / 10 = 8/10 = 0.8
	 *   scorer says yes 6/10 = 0.6, consensus says yes 6/10 = 0.6
	 *   p_e = 0.6 · 0.6 + 0.4 · 0.4 = 0.36 + 0.16 = 0.52
	 *   κ   = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 7/12 ≈ 0.583333
	 *   precision = tp / (tp + fp) = 5/6, recall = tp / (tp + fn) = 5/6
	 */
	const pairs: Pair[] = [
		[Y, Y],
		[Y, Y],
		[Y, Y],
		[Y, Y],
		[Y, Y],
		[Y, N],
		[N, Y],
		[N, N],
		[N, N],
		[N, N]
	];

	it('matches the hand computation', () => {
		expect(confusion(pairs)).toEqual({ tp: 5, fp: 1, fn: 1, tn: 3 });
		expect(percentAgreement(pairs)).toBeCloseTo(0.8, 9);
		expect(cohensKappa(pairs)).toBeCloseTo(7 / 12, 9);
		expect(precision(confusion(pairs))).toBeCloseTo(5 / 6, 9);
		expect(recall(confusion(pairs))).toBeCloseTo(5 / 6, 9);
	});

	it('matches the published example (Wikipedia, "Cohen\'s kappa": κ = 0.4)', () => {
		// 50 proposals, two readers: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
		// p_o = 35/50 = 0.7; p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
		const published = [
			...times(20, [Y, Y]),
			...times(5, [Y, N]),
			...times(10, [N, Y]),
			...times(15, [N, N])
		];
		expect(cohensKappa(published)).toBeCloseTo(0.4, 9);
		expect(percentAgreement(published)).toBeCloseTo(0.7, 9);
	});
});

describe("Cohen's kappa, degenerate cases", () => {
	it('is null without pairs', () => {
		expect(cohensKappa([])).toBeNull();
		expect(percentAgreement([])).toBeNull();
	});

	it('is 1 when both judges always give the same single value (p_e = 1)', () => {
		expect(cohensKappa(times(12, [Y, Y]))).toBe(1);
		expect(cohensKappa(times(12, [N, N]))).toBe(1);
	});

	it('is 0 when one judge always says yes and the other always no (p_e = 0, p_o = 0)', () => {
		expect(cohensKappa(times(4, [Y, N]))).toBe(0);
	});

	it('is negative when the judges disagree more than chance', () => {
		expect(cohensKappa([...times(3, [Y, N]), ...times(3, [N, Y])])).toBe(-1);
	});

	it('does not depend on which judge comes first', () => {
		const pair = fc.tuple(fc.boolean(), fc.boolean());
		fc.assert(
			fc.property(fc.array(pair, { minLength: 1, maxLength: 40 }), (pairs) => {
				const swapped = pairs.map(([a, b]): Pair => [b, a]);
				const kappa = cohensKappa(pairs) as number;
				expect(cohensKappa(swapped)).toBeCloseTo(kappa, 12);
				expect(kappa).toBeLessThanOrEqual(1);
			})
		);
	});
});

describe('precision and recall', () => {
	it('are null when undefined', () => {
		expect(precision({ tp: 0, fp: 0, fn: 3, tn: 2 })).toBeNull();
		expect(recall({ tp: 0, fp: 3, fn: 0, tn: 2 })).toBeNull();
	});

	it('count the first value of a pair as the judged one', () => {
		const table = confusion([
			[Y, N],
			[Y, N],
			[Y, Y],
			[N, Y]
		]);
		expect(table).toEqual({ tp: 1, fp: 2, fn: 1, tn: 0 });
		expect(precision(table)).toBeCloseTo(1 / 3, 12);
		expect(recall(table)).toBeCloseTo(1 / 2, 12);
	});
});

describe("Krippendorff's alpha, worked by hand", () => {
	/*
	 * Three coders A, B, C; six units; "." = missing.
	 *
	 *   unit   A  B  C    pairable values m
	 *   u1     Y  Y  Y    3
	 *   u2     Y  Y  N    3
	 *   u3     N  N  N    3
	 *   u4     Y  N  .    2
	 *   u5     N  N  .    2
	 *   u6     Y  .  .    1 → not pairable, skipped
	 *
	 * Coincidence matrix: each ordered pair of values from different coders of a unit adds
	 * 1/(m − 1).
	 *   u1: 6 ordered pairs, all Y-Y, each 1/2             → o_YY += 3
	 *   u2: Y-Y ×2, Y-N ×2, N-Y ×2, each 1/2                → o_YY += 1, o_YN += 1, o_NY += 1
	 *   u3: 6 ordered pairs, all N-N, each 1/2             → o_NN += 3
	 *   u4: Y-N ×1, N-Y ×1, each 1/1                       → o_YN += 1, o_NY += 1
	 *   u5: N-N ×2, each 1/1                               → o_NN += 2
	 *
	 *            Y   N  | n_c
	 *       Y    4   2  |  6
	 *       N    2   5  |  7
	 *                     n = 13
	 *
	 *   α = 1 − (n − 1) · (o_YN + o_NY) / (n_Y · n_N + n_N · n_Y)
	 *     = 1 − 12 · 4 / (2 · 6 · 7) = 1 − 48/84 = 1 − 4/7 = 3/7 ≈ 0.428571
	 */
	const units: (boolean | null)[][] = [
		[Y, Y, Y],
		[Y, Y, N],
		[N, N, N],
		[Y, N, null],
		[N, N, null],
		[Y, null, null]
	];

	it('matches the hand computation', () => {
		expect(krippendorffAlpha(units)).toBeCloseTo(3 / 7, 9);
	});

	it('does not change when coders or units are reordered', () => {
		const reordered = [...units].reverse().map((unit) => [...unit].reverse());
		expect(krippendorffAlpha(reordered)).toBeCloseTo(3 / 7, 12);
	});

	it('matches the published nominal example (Krippendorff 2011, α = 0.743)', () => {
		// "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, values 1-5.
		const _ = null;
		const observers = [
			[1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
			[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
			[_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
			[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _]
		];
		const byUnit = observers[0].map((_, unit) => observers.map((row) => row[unit]));
		expect(nominalAlpha(byUnit)).toBeCloseTo(0.743, 3);
	});
});

describe("Krippendorff's alpha, degenerate cases", () => {
	it('is null when fewer than two values can be paired', () => {
		expect(krippendorffAlpha([])).toBeNull();
		expect(krippendorffAlpha([[Y], [N, null], [null, null]])).toBeNull();
	});

	it('is 1 when every pairable value is the same', () => {
		expect(krippendorffAlpha([[Y, Y], [Y, Y, null], [N]])).toBe(1);
	});

	it('is below 0 when two coders always disagree', () => {
		expect(
			krippendorffAlpha([
				[Y, N],
				[N, Y],
				[Y, N]
			])
		).toBeLessThan(0);
	});

	it('is 1 for perfect agreement with variation', () => {
		expect(
			krippendorffAlpha([
				[Y, Y, null],
				[N, N, N],
				[Y, null, Y]
			])
		).toBe(1);
	});
});
