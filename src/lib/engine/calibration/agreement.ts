/**
 * Agreement statistics on yes/no labels. A pair is `[judged, reference]`: for the scorer against
 * the consensus the scorer comes first. Every function returns null when its formula is undefined
 * for the data, rather than a number that looks meaningful.
 */

/** One item judged twice: `[judged, reference]`. */
export type Pair = readonly [boolean, boolean];

/** The four cells of a 2×2 table: the first value of a pair against the second (the reference). */
export type Confusion = { tp: number; fp: number; fn: number; tn: number };

/**
 * Percent agreement: the share of pairs whose two values are the same, p_o = agreeing / pairs.
 * Null when there are no pairs.
 */
export function percentAgreement(pairs: readonly Pair[]): number | null {
	if (pairs.length === 0) return null;
	return pairs.filter(([a, b]) => a === b).length / pairs.length;
}

/**
 * Cohen's kappa: agreement corrected for the agreement two judges would reach by chance if each
 * said yes at their own rate.
 *
 *   p_o = share of pairs that agree
 *   p_e = P(first says yes)·P(second says yes) + P(first says no)·P(second says no)
 *   κ   = (p_o − p_e) / (1 − p_e)
 *
 * Degenerate cases: no pairs → null. p_e = 1 happens only when both judges gave the same single
 * value to every item, so the formula is 0/0; we return 1 when all pairs agree (which is then
 * always so) and 0 otherwise, so a perfectly agreeing but uninformative sample does not read as
 * missing. Gating does not rely on this alone: it also asks for a precision and a minimum count.
 */
export function cohensKappa(pairs: readonly Pair[]): number | null {
	const n = pairs.length;
	if (n === 0) return null;
	const { tp, fp, fn, tn } = confusion(pairs);
	const po = (tp + tn) / n;
	const firstYes = (tp + fp) / n;
	const secondYes = (tp + fn) / n;
	const pe = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
	if (pe === 1) return po === 1 ? 1 : 0;
	return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal values, any number of coders, missing values allowed.
 *
 * Each unit is the values the coders gave one item (null or undefined = not coded). Units with
 * fewer than two values cannot be paired and are skipped. From the rest we build the coincidence
 * matrix: every ordered pair of values (c, k) from two different coders of a unit with m values
 * adds 1/(m − 1) to o_ck, so each pairable value contributes exactly 1 in total.
 *
 *   n_c = Σ_k o_ck            (how often value c was pairable)
 *   n   = Σ_c n_c             (pairable values)
 *   D_o = Σ_{c≠k} o_ck                      (observed disagreement)
 *   D_e = Σ_{c≠k} n_c · n_k / (n − 1)       (disagreement expected by chance)
 *   α   = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k
 *
 * Null when fewer than two values are pairable. When every pairable value is the same there is
 * no variation (D_e = 0); we return 1, as the coders agreed on every unit they could be compared on.
 */
export function nominalAlpha<T extends string | number | boolean>(
	units: readonly (readonly (T | null | undefined)[])[]
): number | null {
	const coincidence = new Map<T, Map<T, number>>();
	const add = (c: T, k: T, weight: number) => {
		const row = coincidence.get(c) ?? new Map<T, number>();
		row.set(k, (row.get(k) ?? 0) + weight);
		coincidence.set(c, row);
	};
	for (const unit of units) {
		const values = unit.filter((v): v is T => v !== null && v !== undefined);
		const m = values.length;
		if (m < 2) continue;
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++) if (i !== j) add(values[i], values[j], 1 / (m - 1));
	}
	const totals = new Map<T, number>();
	let n = 0;
	let observed = 0;
	for (const [c, row] of coincidence)
		for (const [k, weight] of row) {
			totals.set(c, (totals.get(c) ?? 0) + weight);
			n += weight;
			if (c !== k) observed += weight;
		}
	// n is a sum of fractions; round so that, say, 1.9999999 pairable values still counts as 2.
	if (Math.round(n) < 2) return null;
	let expected = 0;
	for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expected += nc * nk;
	if (expected === 0) return 1;
	return 1 - ((n - 1) * observed) / expected;
}

/** Krippendorff's alpha (nominal) on yes/no labels; see `nominalAlpha`. */
export function krippendorffAlpha(units: readonly (readonly (boolean | null)[])[]): number | null {
	return nominalAlpha(units);
}

/** The 2×2 table of pairs: tp = both yes, fp = first yes only, fn = second yes only, tn = both no. */
export function confusion(pairs: readonly Pair[]): Confusion {
	const table: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
	for (const [judged, reference] of pairs) {
		if (judged && reference) table.tp++;
		else if (judged) table.fp++;
		else if (reference) table.fn++;
		else table.tn++;
	}
	return table;
}

/** Of the judged "yes", the share the reference also says yes: tp / (tp + fp); null with no "yes". */
export function precision({ tp, fp }: Confusion): number | null {
	return tp + fp === 0 ? null : tp / (tp + fp);
}

/** Of the reference's "yes", the share the judge found: tp / (tp + fn); null with no reference "yes". */
export function recall({ tp, fn }: Confusion): number | null {
	return tp + fn === 0 ? null : tp / (tp + fn);
}
