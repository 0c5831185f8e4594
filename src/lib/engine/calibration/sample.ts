/**
 * Which recent replies go into a calibration session. Replies are grouped into strata by language,
 * scenario and whether the scorer flagged a problem, and picked round-robin over the strata so that
 * each is represented as evenly as the numbers allow: a session of 20 drawn from a week where one
 * scenario dominated still sees the rare ones. Within a stratum the newest come first; the order in
 * which strata take their turn is shuffled with a seeded generator, so the same seed always gives
 * the same sample.
 */
import type { Lang } from './stats';

/** A reply that could be calibrated; `at` is when it was written (milliseconds since the epoch). */
export type Candidate = {
	id: number;
	lang: Lang;
	scenario: string;
	flagged: boolean;
	at: number;
};

/** mulberry32: a small seeded generator of numbers in [0, 1), the same on every platform. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The stratum a candidate belongs to, as a string: language, scenario and flag. */
export function stratumOf(candidate: Candidate): string {
	return JSON.stringify([candidate.lang, candidate.scenario, candidate.flagged]);
}

/**
 * Up to `n` candidates, spread over the strata: each stratum in turn gives its newest candidate
 * not yet taken, until `n` are taken or none are left. With `n` at least the number of strata every
 * stratum is represented; with fewer candidates than `n` all are returned. A candidate listed twice
 * (same id) is taken at most once, as its newest entry. Ties in time are broken by the higher id,
 * and the strata are put in sorted order before the seeded shuffle, so the result does not depend
 * on the order of the input.
 */
export function sampleStratified(
	candidates: readonly Candidate[],
	n: number,
	seed: number
): Candidate[] {
	const newestFirst = (a: Candidate, b: Candidate) => b.at - a.at || b.id - a.id;
	const byId = new Map<number, Candidate>();
	for (const candidate of candidates) {
		const seen = byId.get(candidate.id);
		if (!seen || newestFirst(candidate, seen) < 0) byId.set(candidate.id, candidate);
	}
	const strata = new Map<string, Candidate[]>();
	for (const candidate of byId.values()) {
		const key = stratumOf(candidate);
		const stratum = strata.get(key) ?? [];
		stratum.push(candidate);
		strata.set(key, stratum);
	}
	const random = mulberry32(seed);
	const order = [...strata.keys()].sort();
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const queues = order.map((key) => (strata.get(key) ?? []).sort(newestFirst));
	const limit = Math.max(0, Math.floor(n));
	const picked: Candidate[] = [];
	for (let round = 0; picked.length < limit; round++) {
		const turn = queues.filter((queue) => round < queue.length);
		if (turn.length === 0) break;
		for (const queue of turn) {
			if (picked.length >= limit) break;
			picked.push(queue[round]);
		}
	}
	return picked;
}
