import { describe, expect, it } from 'vitest';
import { cohensKappa, type Pair } from './agreement';
import { criterionStatus, MIN_ITEMS, MIN_KAPPA, MIN_PRECISION, pooled } from './gating';
import type { Criterion } from './labels';
import type { CalibrationItem, Lang } from './stats';

const blame: Criterion = { kind: 'violation', id: 'blame' };

describe('criterion status at the boundaries', () => {
	const passing = { items: 30, kappa: 0.8, precision: 0.9 };

	it('uses the named thresholds', () => {
		expect([MIN_ITEMS, MIN_KAPPA, MIN_PRECISION]).toEqual([30, 0.8, 0.9]);
	});

	it('is automatic exactly at every threshold', () => {
		expect(criterionStatus(passing)).toBe('automatic');
		expect(criterionStatus({ items: 400, kappa: 1, precision: 1 })).toBe('automatic');
	});

	it('needs review with 29 items', () => {
		expect(criterionStatus({ ...passing, items: 29 })).toBe('needs_review');
	});

	it('needs review with kappa 0.79', () => {
		expect(criterionStatus({ ...passing, kappa: 0.79 })).toBe('needs_review');
	});

	it('needs review with precision 0.89', () => {
		expect(criterionStatus({ ...passing, precision: 0.89 })).toBe('needs_review');
	});

	it('needs review when kappa or precision is unknown', () => {
		expect(criterionStatus({ ...passing, kappa: null })).toBe('needs_review');
		expect(criterionStatus({ ...passing, precision: null })).toBe('needs_review');
	});

	it('takes a value a rounding error below a threshold as reaching it', () => {
		expect(criterionStatus({ ...passing, kappa: 0.7999999999999999 })).toBe('automatic');
		expect(criterionStatus({ ...passing, precision: 0.8999999999999999 })).toBe('automatic');
	});
});

/** Calibrated items whose scorer and consensus give the blame violation the values of `pairs`. */
function session(pairs: Pair[], lang: Lang = 'zh', firstId = 1): CalibrationItem[] {
	return pairs.map(([scorer, reference], i) => ({
		id: firstId + i,
		lang,
		scorer: { dimensions: {}, violations: { blame: scorer } },
		answers: [],
		consensus: { dimensions: {}, violations: { blame: reference } }
	}));
}
const times = (count: number, pair: Pair): Pair[] => Array.from({ length: count }, () => pair);

describe('pooled statistics over closed sessions', () => {
	/*
	 * Session A: 9 yes/yes, 1 yes/no, 5 no/no (15 items); session B: 15 no/no.
	 * A alone: p_o = 14/15, p_e = 10/15 · 9/15 + 5/15 · 6/15 = 8/15, κ = (6/15) / (7/15) = 6/7.
	 * B alone: κ = 1 (both always say no).
	 * Pooled (30 items): p_o = 29/30, p_e = 10/30 · 9/30 + 20/30 · 21/30 = 17/30,
	 * κ = (12/30) / (13/30) = 12/13 ≈ 0.923, not the mean (6/7 + 1) / 2 ≈ 0.929.
	 * Precision = 9 / 10 = 0.9 exactly.
	 */
	const a = session([...times(9, [true, true]), [true, false], ...times(5, [false, false])]);
	const b = session(times(15, [false, false]), 'zh', 100);

	it('concatenates the items rather than averaging kappas', () => {
		const both = pooled([a, b], blame, 'zh');
		expect(both.kappa).toBeCloseTo(12 / 13, 9);
		expect(both.kappa).not.toBeCloseTo((6 / 7 + 1) / 2, 4);
		expect(pooled([a], blame, 'zh').kappa).toBeCloseTo(6 / 7, 9);
		expect(pooled([b], blame, 'zh').kappa).toBe(1);
	});

	it('is automatic with 30 items, and needs review with 29', () => {
		const both = pooled([a, b], blame, 'zh');
		expect(both).toMatchObject({ items: 30, precision: 0.9, status: 'automatic' });
		expect(pooled([a, b.slice(1)], blame, 'zh')).toMatchObject({
			items: 29,
			status: 'needs_review'
		});
	});

	it('needs review when one more false alarm drops precision below 0.9', () => {
		const worse = session([[true, false]], 'zh', 200);
		expect(pooled([a, b, worse], blame, 'zh')).toMatchObject({
			items: 31,
			status: 'needs_review'
		});
	});

	it('counts only the items in the language asked for', () => {
		const english = session(times(40, [true, true]), 'en', 300);
		expect(pooled([a, english], blame, 'zh').items).toBe(15);
		expect(pooled([a, english], blame, 'en')).toMatchObject({ items: 40, status: 'automatic' });
	});

	it('reaches a kappa of exactly 0.8 from data', () => {
		// tp 5, fn 1, tn 4: p_o = 0.9, p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5, κ = 0.4 / 0.5 = 0.8.
		const pairs: Pair[] = [...times(5, [true, true]), [false, true], ...times(4, [false, false])];
		const kappa = cohensKappa(pairs);
		expect(kappa).toBeCloseTo(0.8, 9);
		expect(criterionStatus({ items: 30, kappa, precision: 1 })).toBe('automatic');
	});
});
