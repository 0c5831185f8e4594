/**
 * Training, deterministic: logistic regression per label on binary, L2-normalised features, by
 * AdaGrad SGD with a seeded shuffle; a two-input stacker per label (the rule's output and the
 * model's log-odds) fitted on out-of-fold predictions. The same data and seed give the same file.
 */
import { logit, sigmoid } from './model';

export type Vec = { ids: Int32Array; value: number };
export type TrainOptions = {
	epochs: number;
	rate: number;
	l2: number;
	seed: number;
	/** Scale each feature by its naive-Bayes log-count ratio for the label (NB-LR), or not. */
	nb?: boolean;
};
export const DEFAULT_TRAINING: TrainOptions = { epochs: 15, rate: 0.5, l2: 1e-6, seed: 20261203 };

/**
 * The naive-Bayes log-count ratio of every feature for a label: log of how much more often it is
 * seen in positive replies than in negative ones (each smoothed by one). Features that tell the
 * classes apart weigh more before the regression starts (Wang & Manning 2012).
 */
export function nbRatios(xs: Vec[], ys: Uint8Array, size: number): Float64Array {
	const pos = new Float64Array(size).fill(1);
	const neg = new Float64Array(size).fill(1);
	xs.forEach((x, n) => {
		const into = ys[n] === 1 ? pos : neg;
		for (const id of x.ids) into[id] += 1;
	});
	let sp = 0;
	let sn = 0;
	for (let i = 0; i < size; i++) {
		sp += pos[i];
		sn += neg[i];
	}
	return Float64Array.from(pos, (p, i) => Math.log(p / sp / (neg[i] / sn)));
}

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
	const r = options.nb ? nbRatios(xs, ys, size) : new Float64Array(size).fill(1);
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
			for (let k = 0; k < x.ids.length; k++) z += w[x.ids[k]] * r[x.ids[k]] * x.value;
			const p = sigmoid(z);
			const g = (p - ys[n]) * (ys[n] === 1 ? positiveWeight : 1);
			for (let k = 0; k < x.ids.length; k++) {
				const id = x.ids[k];
				const grad = g * r[id] * x.value + options.l2 * w[id];
				g2[id] += grad * grad;
				w[id] -= (options.rate * grad) / (Math.sqrt(g2[id]) + 1e-8);
			}
			gb += g * g;
			b -= (options.rate * g) / (Math.sqrt(gb) + 1e-8);
		}
	}
	// The ratios fold into the weights: scoring reads one weight per feature either way.
	for (let i = 0; i < size; i++) w[i] *= r[i];
	return { w, b };
}

export function score(model: { w: Float64Array; b: number }, x: Vec): number {
	let z = model.b;
	for (let k = 0; k < x.ids.length; k++) z += model.w[x.ids[k]] * x.value;
	return sigmoid(z);
}

/**
 * The stacker of one label: confidence = σ(a·rule + Σ d_i·fired_i + b·logit(p) + Σ c_k·logit(p_k)
 * + bias), where fired_i is 1 when the label's detector i found something (a detector that is
 * right whenever it fires earns trust of its own; one that is often wrong loses it) and the p_k are
 * the model's probabilities of related labels (blaming the customer is disrespect too). The
 * detectors' weights are held close to zero (a stronger L2), so a detector seldom seen keeps the
 * shared weight. Fitted by full-batch gradient descent on out-of-fold predictions, from a fixed start.
 */
export function fitStacker(
	rows: { rule: number; fired?: number[]; p: number; also: number[]; y: number }[],
	alsoCount: number,
	detectorCount = 0,
	detectorL2 = DETECTOR_L2
) {
	const n = Math.max(1, rows.length);
	const x = rows.map((r) => [r.rule, logit(r.p), ...r.also.map(logit)]);
	const k = 2 + alsoCount;
	const w = new Float64Array(k);
	const d = new Float64Array(detectorCount);
	w[1] = 1;
	let bias = 0;
	const rate = 0.3;
	const l2 = 1e-3;
	// A detector's steps are scaled by how seldom it fires, so that one seen a few times still
	// reaches its fitted weight (the optimum is the same; only the path to it changes).
	const firings = new Float64Array(detectorCount);
	for (const r of rows) for (const i of r.fired ?? []) firings[i]++;
	for (let it = 0; it < 1500; it++) {
		const g = new Float64Array(k);
		const gd = new Float64Array(detectorCount);
		let gb = 0;
		for (let r = 0; r < rows.length; r++) {
			let z = bias;
			for (let j = 0; j < k; j++) z += w[j] * x[r][j];
			const fired = rows[r].fired ?? [];
			for (const i of fired) z += d[i];
			const e = sigmoid(z) - rows[r].y;
			for (let j = 0; j < k; j++) g[j] += e * x[r][j];
			for (const i of fired) gd[i] += e;
			gb += e;
		}
		for (let j = 0; j < k; j++) w[j] -= rate * (g[j] / n + l2 * w[j]);
		for (let i = 0; i < detectorCount; i++)
			if (firings[i] > 0) d[i] -= ((rate * n) / firings[i]) * (gd[i] / n + detectorL2 * d[i]);
		bias -= (rate * gb) / n;
	}
	return {
		rule: w[0],
		detectors: Array.from(d),
		model: w[1],
		also: Array.from(w.slice(2)),
		bias
	};
}

/** How strongly a detector's own weight is held to zero. */
export const DETECTOR_L2 = 1e-4;

/** Rounds for the file: four decimals are far below what the decisions can feel. */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
