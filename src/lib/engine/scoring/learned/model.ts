import * as v from 'valibot';
import { HashBuffer, HashTable, ScratchSet, hashOf } from '../hashing';
import { featureKeys, scanFeatures, type FeatureConfig } from './features';

export const MODEL_FORMAT = 2;

/** The stacker: how a criterion's rule and its model are combined into one calibrated confidence. */
const stacker = v.object({
	rule: v.number(),
	/** Added for each of the label's rule detectors that found something, by position. */
	detectors: v.array(v.number()),
	model: v.number(),
	bias: v.number(),
	also: v.record(v.string(), v.number())
});

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
	/**
	 * Every weight, as 16-bit integers in base64, one row per vocabulary entry and one column per
	 * label; a label's weights are its integers times its scale.
	 */
	weights: v.object({ scale: v.record(v.string(), v.number()), data: v.string() }),
	stack: v.record(v.string(), stacker),
	examples: v.array(
		v.object({ text: v.string(), lang: v.picklist(['zh', 'en']), labels: v.array(v.string()) })
	)
});
export type ModelFile = v.InferOutput<typeof modelSchema>;

/** The labelled examples of one violation, indexed by feature (compressed rows), for "resembles". */
export type Neighbours = {
	texts: string[];
	/** Each example's number of known features. */
	sizes: Int32Array;
	/** Examples holding feature i: items[start[i]] … items[start[i + 1] - 1]. */
	start: Int32Array;
	items: Int32Array;
};

/** A model ready to score: a dense weight row per vocabulary entry, one column per label. */
export type CompiledModel = {
	file: ModelFile;
	features: FeatureConfig;
	labels: string[];
	column: Map<string, number>;
	/** Feature key hash → vocabulary index. */
	table: HashTable;
	/** vocab.length × labels.length, row-major. */
	weights: Float32Array;
	bias: Float64Array;
	stack: ModelFile['stack'];
	neighbours: Map<string, Neighbours>;
	/** Unknown features of the reply being read, to count them once each. */
	scratch: ScratchSet;
	buffer: HashBuffer;
	/** The vocabulary index of each feature in `buffer` (-1 when unknown), for `bufferText`. */
	bufferIds: Int32Array;
	bufferText: string | null;
	/** Scratch space for the known features of the reply being read. */
	known: Int32Array;
	/** Known features of the reply being read: stamp[i] === epoch once feature i is counted. */
	stamp: Uint32Array;
	epoch: number;
};

export function compileModel(file: ModelFile, explainLabels: readonly string[]): CompiledModel {
	const labels = file.labels;
	const column = new Map(labels.map((l, j) => [l, j]));
	const table = new HashTable(file.vocab.length);
	file.vocab.forEach((key, i) => {
		const h = hashOf(key);
		if (table.add(h.a, h.b, i) !== i) throw new Error(`two features share a hash: "${key}"`);
	});
	const ints = decodeInt16(file.weights.data);
	const weights = new Float32Array(file.vocab.length * labels.length);
	const scales = labels.map((l) => file.weights.scale[l] ?? 0);
	for (let k = 0; k < weights.length && k < ints.length; k++)
		weights[k] = ints[k] * scales[k % labels.length];
	const features = {
		chars: file.features.chars,
		words: file.features.words,
		bigrams: file.features.bigrams
	};
	const idsOf = (text: string) =>
		[...featureKeys(text, features)]
			.map((k) => {
				const h = hashOf(k);
				return table.get(h.a, h.b);
			})
			.filter((i) => i >= 0);
	const neighbours = new Map<string, Neighbours>();
	for (const label of explainLabels) {
		const examples = file.examples.filter((e) => e.labels.includes(label));
		const ids = examples.map((e) => idsOf(e.text));
		const start = new Int32Array(file.vocab.length + 1);
		for (const list of ids) for (const i of list) start[i + 1]++;
		for (let i = 0; i < file.vocab.length; i++) start[i + 1] += start[i];
		const items = new Int32Array(start[file.vocab.length]);
		const fill = start.slice(0, file.vocab.length);
		ids.forEach((list, e) => list.forEach((i) => (items[fill[i]++] = e)));
		neighbours.set(label, {
			texts: examples.map((e) => e.text),
			sizes: Int32Array.from(ids, (l) => l.length),
			start,
			items
		});
	}
	return {
		file,
		features,
		labels,
		column,
		table,
		weights,
		bias: Float64Array.from(labels, (l) => file.bias[l] ?? 0),
		stack: file.stack,
		neighbours,
		scratch: new ScratchSet(),
		buffer: new HashBuffer(),
		bufferIds: new Int32Array(256),
		bufferText: null,
		known: new Int32Array(256),
		stamp: new Uint32Array(file.vocab.length),
		epoch: 0
	};
}

/** A reply as the model sees it: its known features (by index) and their shared value. */
export type Seen = { text: string; ids: Int32Array; value: number };

export function see(model: CompiledModel, normalised: string): Seen {
	let known = 0;
	let distinct = 0;
	const { table, scratch, features, stamp } = model;
	const [from, to] = features.chars;
	scratch.reset(normalised.length * (Math.max(0, to - from + 1) + 2) + 16);
	if (++model.epoch === 0xffffffff) {
		stamp.fill(0);
		model.epoch = 1;
	}
	const epoch = model.epoch;
	const found = scanFeatures(normalised, model.buffer, features);
	if (model.bufferIds.length < found.length) model.bufferIds = new Int32Array(found.a.length);
	if (model.known.length < found.length) model.known = new Int32Array(found.a.length);
	const bufferIds = model.bufferIds;
	const ids = model.known;
	model.bufferText = normalised;
	for (let k = 0; k < found.length; k++) {
		const i = table.get(found.a[k], found.b[k]);
		bufferIds[k] = i;
		if (i >= 0) {
			if (stamp[i] === epoch) continue;
			stamp[i] = epoch;
			ids[known++] = i;
			distinct++;
		} else if (scratch.add(found.a[k], found.b[k])) distinct++;
	}
	return {
		text: normalised,
		ids: ids.slice(0, known),
		value: distinct === 0 ? 0 : 1 / Math.sqrt(distinct)
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

/**
 * Rule and model, combined by the trained stacker into one calibrated confidence; `related` gives
 * the model's probability of another label (a violation's stacker reads the other violations too),
 * `fired` which of the label's detectors found something (each has its own learned trust).
 */
export function combine(
	model: Pick<CompiledModel, 'stack'> | null,
	label: string,
	rule: number,
	p: number | null,
	related: (label: string) => number | null = () => null,
	fired: readonly number[] = []
) {
	const s = model?.stack[label];
	if (!s || p === null) return rule;
	let z = s.rule * rule + s.model * logit(p) + s.bias;
	for (const i of fired) z += s.detectors[i] ?? 0;
	for (const [other, c] of Object.entries(s.also)) {
		const q = related(other);
		if (q !== null) z += c * logit(q);
	}
	return sigmoid(z);
}

/** What the rules say of one criterion, as the stacker reads it. */
export type RuleOutput = {
	/** The rules' score: 1 (or a dimension detector's credit) when something was found, else 0. */
	rule: number;
	/** Which of the criterion's detectors found something, by position. */
	fired: readonly number[];
	/** The least confidence a decisive detector's finding keeps, whatever the model says (else 0). */
	floor: number;
	/** The rules found something and then ruled it out themselves (negated, or beside an exception). */
	ruledOut: boolean;
};

/**
 * The confidence in one criterion: rules and model combined by the stacker, never below what a
 * decisive detector found, and with no credit from the model for what the rules ruled out.
 */
export function confidenceOf(
	model: Pick<CompiledModel, 'stack'> | null,
	label: string,
	out: RuleOutput,
	p: number | null,
	related: (label: string) => number | null = () => null
): number {
	const q = out.ruledOut && out.rule === 0 ? null : p;
	return Math.max(out.floor, combine(model, label, out.rule, q, related, out.fired));
}

/** The spans whose features pushed a label up most: what a model-only finding points at. */
export function weightiest(
	model: CompiledModel,
	seen: Seen,
	label: string,
	count = 3
): { start: number; end: number }[] {
	const j = model.column.get(label);
	if (j === undefined) return [];
	// The features of the reply as `see` left them (read again if another reply came since).
	if (model.bufferText !== seen.text) see(model, seen.text);
	const found = model.buffer;
	const ids = model.bufferIds;
	const L = model.labels.length;
	// One pass keeps the strongest few features (by weight, then position); the spans are then
	// taken from them, strongest first, skipping any that overlaps one already taken.
	const SHORTLIST = 16;
	const best: { w: number; start: number; end: number }[] = [];
	for (let k = 0; k < found.length; k++) {
		const i = ids[k];
		if (i < 0) continue;
		const w = model.weights[i * L + j];
		if (w <= 0) continue;
		const start = found.start[k];
		if (best.length === SHORTLIST) {
			const last = best[SHORTLIST - 1];
			if (w < last.w || (w === last.w && start >= last.start)) continue;
			best.pop();
		}
		let at = best.length;
		while (at > 0 && (best[at - 1].w < w || (best[at - 1].w === w && best[at - 1].start > start)))
			at--;
		best.splice(at, 0, { w, start, end: found.end[k] });
	}
	const picked: { start: number; end: number }[] = [];
	for (const o of best) {
		const span = toWords(seen.text, o.start, o.end);
		// Punctuation and spaces may weigh, but they are not evidence a person can read.
		if (!/[\p{L}\p{N}]/u.test(seen.text.slice(span.start, span.end))) continue;
		if (picked.some((p) => span.start < p.end && p.start < span.end)) continue;
		picked.push(span);
		if (picked.length === count) break;
	}
	// Spans a few characters apart in one sentence read better as one phrase.
	const merged: { start: number; end: number }[] = [];
	for (const span of picked.sort((a, b) => a.start - b.start)) {
		const last = merged.at(-1);
		const between = last ? seen.text.slice(last.end, span.start) : '';
		if (last && between.length <= 12 && !/[.!?;]/.test(between)) last.end = span.end;
		else merged.push({ ...span });
	}
	return merged;
}

/** Widens a span that cuts through a Latin word to the whole word. */
function toWords(text: string, start: number, end: number) {
	const latin = /[a-z0-9']/;
	while (start > 0 && latin.test(text[start - 1]) && latin.test(text[start])) start--;
	while (end < text.length && latin.test(text[end]) && latin.test(text[end - 1])) end++;
	// Chinese has no spaces: a few characters read better as their whole clause (up to 24).
	if (/\p{Script=Han}/u.test(text.slice(start, end))) {
		const stop = /[\s,.!?;:"()]/;
		let from = start;
		let to = end;
		while (from > 0 && !stop.test(text[from - 1]) && end - from < 24) from--;
		while (to < text.length && !stop.test(text[to]) && to - from < 24) to++;
		return { start: from, end: to };
	}
	return { start, end };
}

/** The labelled example of a label most like the reply (cosine over binary features). */
export function resembles(model: CompiledModel, seen: Seen, label: string): string | null {
	const n = model.neighbours.get(label);
	if (!n || n.texts.length === 0 || seen.ids.length === 0) return null;
	const shared = new Int32Array(n.texts.length);
	for (let k = 0; k < seen.ids.length; k++) {
		const i = seen.ids[k];
		for (let p = n.start[i]; p < n.start[i + 1]; p++) shared[n.items[p]]++;
	}
	let best = 0;
	let text: string | null = null;
	for (let e = 0; e < shared.length; e++) {
		const cos = shared[e] / Math.sqrt(seen.ids.length * Math.max(1, n.sizes[e]));
		if (cos > best) {
			best = cos;
			text = n.texts[e];
		}
	}
	return text;
}

/** base64 of little-endian 16-bit integers, in Node and browsers alike. */
export function encodeInt16(values: Int16Array): string {
	const bytes = new Uint8Array(values.length * 2);
	for (let i = 0; i < values.length; i++) {
		bytes[2 * i] = values[i] & 0xff;
		bytes[2 * i + 1] = (values[i] >> 8) & 0xff;
	}
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

export function decodeInt16(text: string): Int16Array {
	const binary = atob(text);
	const out = new Int16Array(binary.length >> 1);
	for (let i = 0; i < out.length; i++) {
		const v = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
		out[i] = v >= 0x8000 ? v - 0x10000 : v;
	}
	return out;
}
