import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, sampleStratified, stratumOf, type Candidate } from './sample';

const scenarios = ['refund', 'delay', 'lost'];

/** 12 strata (2 languages × 3 scenarios × flagged or not) of 1 to 7 candidates each. */
function pool(): Candidate[] {
	const random = mulberry32(7);
	const candidates: Candidate[] = [];
	let id = 1;
	for (const lang of ['zh', 'en'] as const)
		for (const scenario of scenarios)
			for (const flagged of [false, true]) {
				const size = 1 + Math.floor(random() * 7);
				for (let i = 0; i < size; i++)
					candidates.push({ id: id++, lang, scenario, flagged, at: Math.floor(random() * 1e6) });
			}
	return candidates;
}
const strataCount = 12;

/** How many picked candidates each stratum has. */
function perStratum(picked: Candidate[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const c of picked) counts.set(stratumOf(c), (counts.get(stratumOf(c)) ?? 0) + 1);
	return counts;
}

describe('stratified sampling', () => {
	it('covers every stratum when n is at least the number of strata', () => {
		const candidates = pool();
		expect(new Set(candidates.map(stratumOf)).size).toBe(strataCount);
		for (const n of [strataCount, strataCount + 5])
			for (const seed of [1, 2, 3]) {
				const picked = sampleStratified(candidates, n, seed);
				expect(picked).toHaveLength(n);
				expect(perStratum(picked).size).toBe(strataCount);
			}
	});

	it('takes one per stratum before taking a second from any', () => {
		const counts = perStratum(sampleStratified(pool(), strataCount, 5));
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
	});

	it('is deterministic for a seed, whatever the input order', () => {
		const candidates = pool();
		const first = sampleStratified(candidates, 8, 42);
		expect(sampleStratified(candidates, 8, 42)).toEqual(first);
		expect(sampleStratified([...candidates].reverse(), 8, 42)).toEqual(first);
		expect(sampleStratified(candidates, 8, 43)).not.toEqual(first);
	});

	it('takes the newest first within a stratum', () => {
		const one: Candidate[] = [10, 30, 20].map((at, i) => ({
			id: i + 1,
			lang: 'en',
			scenario: 'refund',
			flagged: false,
			at
		}));
		expect(sampleStratified(one, 2, 1).map((c) => c.at)).toEqual([30, 20]);
	});

	it('never returns duplicates, keeping the newest entry of a repeated id', () => {
		const candidates = pool();
		const repeated = [...candidates, { ...candidates[0], at: 2e6 }, candidates[1]];
		const picked = sampleStratified(repeated, 1000, 9);
		expect(new Set(picked.map((c) => c.id)).size).toBe(picked.length);
		expect(picked).toHaveLength(candidates.length);
		expect(picked.find((c) => c.id === candidates[0].id)?.at).toBe(2e6);
	});

	it('returns all candidates when there are fewer than n, and none for n = 0', () => {
		const candidates = pool();
		const all = sampleStratified(candidates, candidates.length + 10, 3);
		expect(new Set(all.map((c) => c.id))).toEqual(new Set(candidates.map((c) => c.id)));
		expect(sampleStratified(candidates, 0, 3)).toEqual([]);
		expect(sampleStratified([], 5, 3)).toEqual([]);
	});

	it('keeps strata within one of each other unless a stratum runs out', () => {
		const candidate = fc.record({
			id: fc.integer({ min: 1, max: 60 }),
			lang: fc.constantFrom('zh' as const, 'en' as const),
			scenario: fc.constantFrom(...scenarios),
			flagged: fc.boolean(),
			at: fc.integer({ min: 0, max: 1000 })
		});
		fc.assert(
			fc.property(
				fc.array(candidate, { maxLength: 80 }),
				fc.integer({ min: 0, max: 90 }),
				fc.integer(),
				(candidates, n, seed) => {
					const picked = sampleStratified(candidates, n, seed);
					const unique = new Set(candidates.map((c) => c.id)).size;
					expect(picked).toHaveLength(Math.min(n, unique));
					expect(new Set(picked.map((c) => c.id)).size).toBe(picked.length);
					const available = perStratum(sampleStratified(candidates, Infinity, seed));
					const counts = perStratum(picked);
					for (const [stratum, size] of available) {
						const mine = counts.get(stratum) ?? 0;
						if (mine === size) continue;
						for (const other of counts.values()) expect(other).toBeLessThanOrEqual(mine + 1);
					}
				}
			)
		);
	});
});
