/**
 * Training, deterministic: logistic regression per label on binary, L2-normalised features, by
 * AdaGrad SGD with a seeded shuffle; a two-input stacker per label (the rule's output and the
 * model's log-odds) fitted on out-of-fold predictions. The same data and seed give the same file.
 */
import { logit, sigmoid } from './model';

export type Vec = { ids: Int32Array; value: number };
export type TrainOptions = { epochs: number; rate: number; l2: number; seed: number };
export const DEFAULT_TRAINING: TrainOptions = { epochs: 15, rate: 0.5, l2: 1e-6, seed: 20261203 };

/** mulberry32: a small seeded generator, so every shuffle is the same on every run. */
export function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Feature keys seen in at least `min` documents, sorted, as the vocabulary. */
export function vocabulary(docs: Iterable<Iterable<string>>, min: number): string[] {
	const df = new Map<string, number>();
	for (const doc of docs) for (const k of doc) df.set(k, (df.get(k) ?? 0) + 1);
	return [...df.entries()]
		.filter(([, n]) => n >= min)
		.map(([k]) => k)
		.sort();
}

export function vectorize(keys: Set<string>, index: Map<string, number>): Vec {
	const ids: number[] = [];
	for (const k of keys) {
		const i = index.get(k);
		if (i !== undefined) ids.push(i);
	}
	return {
		ids: Int32Array.from(ids).sort(),
		value: keys.size === 0 ? 0 : 1 / Math.sqrt(keys.size)
	};
}

/** One label's weights (dense over the vocabulary) and bias. */
export function trainLabel(
	xs: Vec[],
	ys: Uint8Array,
	size: number,
	options: TrainOptions
): { w: Float64Array; b: number } {
	const w = new Float64Array(size);
	const g2 = new Float64Array(size);
	let b = 0;
	let gb = 0;
	const positives = ys.reduce((n, y) => n + y, 0);
	const negatives = ys.length - positives;
	// Rare labels weigh more, but only as the square root of their rarity: precision matters.
	const positiveWeight = positives === 0 ? 1 : Math.min(6, Math.sqrt(negatives / positives));
	const order = Array.from(xs.keys());
	for (let epoch = 0; epoch < options.epochs; epoch++) {
		const rnd = random(options.seed + epoch);
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rnd() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		for (const n of order) {
			const x = xs[n];
			let z = b;
			for (let k = 0; k < x.ids.length; k++) z += w[x.ids[k]] * x.value;
			const p = sigmoid(z);
			const g = (p - ys[n]) * (ys[n] === 1 ? positiveWeight : 1);
			for (let k = 0; k < x.ids.length; k++) {
				const id = x.ids[k];
				const grad = g * x.value + options.l2 * w[id];
				g2[id] += grad * grad;
				w[id] -= (options.rate * grad) / (Math.sqrt(g2[id]) + 1e-8);
			}
			gb += g * g;
			b -= (options.rate * g) / (Math.sqrt(gb) + 1e-8);
		}
	}
	return { w, b };
}

export function score(model: { w: Float64Array; b: number }, x: Vec): number {
	let z = model.b;
	for (let k = 0; k < x.ids.length; k++) z += model.w[x.ids[k]] * x.value;
	return sigmoid(z);
}

/**
 * The stacker of one label: confidence = σ(rule·a + logit(p)·b + c), fitted by full-batch gradient
 * descent on out-of-fold predictions (so it learns how far each source is to be trusted).
 */
export function fitStacker(rows: { rule: number; p: number; y: number }[]) {
	let a = 0;
	let b = 1;
	let c = 0;
	const rate = 0.5;
	for (let it = 0; it < 800; it++) {
		let ga = 0;
		let gbb = 0;
		let gc = 0;
		for (const r of rows) {
			const lp = logit(r.p);
			const e = sigmoid(a * r.rule + b * lp + c) - r.y;
			ga += e * r.rule;
			gbb += e * lp;
			gc += e;
		}
		const n = Math.max(1, rows.length);
		a -= (rate * ga) / n;
		b -= (rate * gbb) / n;
		c -= (rate * gc) / n;
	}
	return { rule: a, model: b, bias: c };
}

/** Rounds for the file: four decimals are far below what the decisions can feel. */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
