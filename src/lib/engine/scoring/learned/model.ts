import * as v from 'valibot';
import { occurrences, type FeatureConfig, type Occurrence } from './features';

export const MODEL_FORMAT = 1;

const sparse = v.object({
	i: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
	w: v.array(v.number())
});

/** The stacker: how a criterion's rule and its model are combined into one calibrated confidence. */
const stacker = v.object({ rule: v.number(), model: v.number(), bias: v.number() });

export const modelSchema = v.object({
	format: v.literal(MODEL_FORMAT, `model format ${MODEL_FORMAT} is the only one this app reads`),
	rubric: v.object({ key: v.string(), hash: v.pipe(v.string(), v.length(64)) }),
	data: v.object({
		hash: v.pipe(v.string(), v.length(64)),
		replies: v.number(),
		writers: v.array(v.string())
	}),
	seed: v.number(),
	features: v.object({
		chars: v.tuple([v.number(), v.number()]),
		words: v.boolean(),
		bigrams: v.boolean()
	}),
	labels: v.array(v.string()),
	vocab: v.array(v.string()),
	bias: v.record(v.string(), v.number()),
	weights: v.record(v.string(), sparse),
	stack: v.record(v.string(), stacker),
	examples: v.array(
		v.object({ text: v.string(), lang: v.picklist(['zh', 'en']), labels: v.array(v.string()) })
	)
});
export type ModelFile = v.InferOutput<typeof modelSchema>;

/** A model ready to score: a dense weight row per vocabulary entry, one column per label. */
export type CompiledModel = {
	file: ModelFile;
	features: FeatureConfig;
	labels: string[];
	column: Map<string, number>;
	index: Map<string, number>;
	/** vocab.length × labels.length, row-major. */
	weights: Float32Array;
	bias: Float64Array;
	stack: Record<string, { rule: number; model: number; bias: number }>;
	/** Labelled examples of each violation, as feature index lists, for "resembles: …". */
	neighbours: Map<string, { text: string; ids: Int32Array }[]>;
};

export function compileModel(file: ModelFile, explainLabels: readonly string[]): CompiledModel {
	const labels = file.labels;
	const column = new Map(labels.map((l, j) => [l, j]));
	const index = new Map(file.vocab.map((k, i) => [k, i]));
	const weights = new Float32Array(file.vocab.length * labels.length);
	labels.forEach((label, j) => {
		const s = file.weights[label];
		if (!s) return;
		for (let k = 0; k < s.i.length; k++) weights[s.i[k] * labels.length + j] = s.w[k];
	});
	const features = {
		chars: file.features.chars,
		words: file.features.words,
		bigrams: file.features.bigrams
	};
	const neighbours = new Map<string, { text: string; ids: Int32Array }[]>();
	for (const label of explainLabels) neighbours.set(label, []);
	for (const example of file.examples)
		for (const label of example.labels) {
			const list = neighbours.get(label);
			if (!list) continue;
			const ids = [...new Set(occurrences(example.text, features).map((o) => o.key))]
				.map((k) => index.get(k))
				.filter((i): i is number => i !== undefined)
				.sort((a, b) => a - b);
			list.push({ text: example.text, ids: Int32Array.from(ids) });
		}
	return {
		file,
		features,
		labels,
		column,
		index,
		weights,
		bias: Float64Array.from(labels, (l) => file.bias[l] ?? 0),
		stack: file.stack,
		neighbours
	};
}

/** A reply as the model sees it: its features (known ones by index) and their shared value. */
export type Seen = { found: Occurrence[]; ids: Int32Array; value: number };

export function see(model: CompiledModel, normalised: string): Seen {
	const found = occurrences(normalised, model.features);
	const distinct = new Set<string>();
	const ids: number[] = [];
	for (const o of found) {
		if (distinct.has(o.key)) continue;
		distinct.add(o.key);
		const i = model.index.get(o.key);
		if (i !== undefined) ids.push(i);
	}
	return {
		found,
		ids: Int32Array.from(ids).sort(),
		value: distinct.size === 0 ? 0 : 1 / Math.sqrt(distinct.size)
	};
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export const logit = (p: number) => {
	const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
	return Math.log(q / (1 - q));
};

/** The model's probability for every label. */
export function predict(model: CompiledModel, seen: Seen): Float64Array {
	const L = model.labels.length;
	const z = Float64Array.from(model.bias);
	for (let k = 0; k < seen.ids.length; k++) {
		const row = seen.ids[k] * L;
		for (let j = 0; j < L; j++) z[j] += model.weights[row + j] * seen.value;
	}
	for (let j = 0; j < L; j++) z[j] = sigmoid(z[j]);
	return z;
}

/** Rule and model, combined by the trained stacker into one calibrated confidence. */
export function combine(
	model: CompiledModel | null,
	label: string,
	rule: number,
	p: number | null
) {
	const s = model?.stack[label];
	if (!s || p === null) return rule;
	return sigmoid(s.rule * rule + s.model * logit(p) + s.bias);
}

/** The spans whose features pushed a label up most: what a model-only finding points at. */
export function weightiest(
	model: CompiledModel,
	seen: Seen,
	label: string,
	text: string,
	count = 2
): { start: number; end: number }[] {
	const j = model.column.get(label);
	if (j === undefined) return [];
	const L = model.labels.length;
	const scored = seen.found
		.map((o) => {
			const i = model.index.get(o.key);
			return { o, w: i === undefined ? 0 : model.weights[i * L + j] };
		})
		.filter((x) => x.w > 0)
		.sort((a, b) => b.w - a.w || a.o.start - b.o.start);
	const picked: { start: number; end: number }[] = [];
	for (const { o } of scored) {
		const span = toWords(text, o.start, o.end);
		if (picked.some((p) => span.start < p.end && p.start < span.end)) continue;
		picked.push(span);
		if (picked.length === count) break;
	}
	return picked.sort((a, b) => a.start - b.start);
}

/** Widens a span that cuts through a Latin word to the whole word. */
function toWords(text: string, start: number, end: number) {
	const latin = /[a-z0-9']/;
	while (start > 0 && latin.test(text[start - 1]) && latin.test(text[start])) start--;
	while (end < text.length && latin.test(text[end]) && latin.test(text[end - 1])) end++;
	return { start, end };
}

/** The labelled example of a label most like the reply (cosine over binary features). */
export function resembles(model: CompiledModel, seen: Seen, label: string): string | null {
	const list = model.neighbours.get(label);
	if (!list || list.length === 0 || seen.ids.length === 0) return null;
	let best = -1;
	let text: string | null = null;
	for (const n of list) {
		let shared = 0;
		for (let a = 0, b = 0; a < seen.ids.length && b < n.ids.length;) {
			if (seen.ids[a] === n.ids[b]) {
				shared++;
				a++;
				b++;
			} else if (seen.ids[a] < n.ids[b]) a++;
			else b++;
		}
		const cos = shared / Math.sqrt(seen.ids.length * Math.max(1, n.ids.length));
		if (cos > best) {
			best = cos;
			text = n.text;
		}
	}
	return text;
}
