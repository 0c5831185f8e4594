/**
 * From labelled replies to a model file, and the cross-validation that measures it: both run the
 * same steps, so what is reported is what ships.
 */
import { normalize } from '../normalize';
import type { CompiledRubric } from '../rubric';
import { ruleOutputs } from '../rules-only';
import { DEFAULT_FEATURES, featureKeys, type FeatureConfig } from './features';
import { encodeInt16, MODEL_FORMAT, type ModelFile, type RuleOutput } from './model';
import {
	DEFAULT_TRAINING,
	fitStacker,
	round4,
	score,
	trainLabel,
	vectorize,
	vocabulary,
	type TrainOptions,
	type Vec
} from './train';
export type { TrainOptions };

/**
 * One labelled reply: its text, language, writer, and a 0/1 label per criterion. A criterion
 * missing from `labels` was not settled for this reply (a reviewer's decision settles one
 * violation): the reply then teaches nothing about it.
 */
export type Labelled = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	writer: string;
	labels: Record<string, 0 | 1>;
};

export type Prepared = Labelled & { keys: Set<string>; rules: Record<string, RuleOutput> };

/** The criteria a model learns: every violation and every dimension of the rubric. */
export const labelsOf = (rubric: CompiledRubric) => [
	...rubric.violations.map((v) => v.id),
	...rubric.dimensions.map((d) => d.id)
];

export function prepare(
	items: Labelled[],
	rubric: CompiledRubric,
	features: FeatureConfig
): Prepared[] {
	return items.map((item) => ({
		...item,
		keys: featureKeys(normalize(item.text), features),
		rules: ruleOutputs(item.text, item.lang, rubric)
	}));
}

type Trained = { vocab: string[]; models: Map<string, { w: Float64Array; b: number }> };

/** How a model is made: features, training, vocabulary floor and how many weights each label keeps. */
export type Settings = {
	features: FeatureConfig;
	options: TrainOptions;
	minCount: number;
	/** The strongest weights kept per label (the rest are zero): the file stays small. */
	keep: number;
};
export const DEFAULT_SETTINGS: Settings = {
	features: DEFAULT_FEATURES,
	options: DEFAULT_TRAINING,
	minCount: 3,
	keep: Infinity
};

/** Zeroes all but the `keep` strongest weights. */
function strongest(w: Float64Array, keep: number): Float64Array {
	if (keep >= w.length) return w;
	const order = Array.from(w.keys()).sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b);
	const out = new Float64Array(w.length);
	for (const i of order.slice(0, keep)) out[i] = w[i];
	return out;
}

/** Base models, one per label, on a set of prepared replies. */
export function trainBase(
	docs: Prepared[],
	labels: string[],
	settings: Settings
): Trained & { vecs: Vec[]; index: Map<string, number> } {
	const { options, minCount } = settings;
	const vocab = vocabulary(
		docs.map((d) => d.keys),
		minCount
	);
	const index = new Map(vocab.map((k, i) => [k, i]));
	const vecs = docs.map((d) => vectorize(d.keys, index));
	const models = new Map<string, { w: Float64Array; b: number }>();
	for (const label of labels) {
		const settled = docs.flatMap((d, i) => (d.labels[label] === undefined ? [] : [i]));
		const ys = Uint8Array.from(settled, (i) => docs[i].labels[label]!);
		const m = trainLabel(
			settled.length === docs.length ? vecs : settled.map((i) => vecs[i]),
			ys,
			vocab.length,
			options
		);
		models.set(label, { w: strongest(m.w, settings.keep), b: m.b });
	}
	return { vocab, models, vecs, index };
}

/**
 * Leave-one-writer-out: for each writer, base models trained on every other writer predict that
 * writer's replies. Returns the out-of-fold probability of every label for every reply.
 */
export function outOfFold(
	docs: Prepared[],
	labels: string[],
	settings: Settings,
	only?: (d: Prepared) => boolean
): Map<string, Record<string, number>> {
	const writers = [...new Set(docs.map((d) => d.writer))].sort();
	const out = new Map<string, Record<string, number>>();
	for (const writer of writers) {
		const train = docs.filter((d) => d.writer !== writer);
		const test = docs.filter((d) => d.writer === writer && (only ? only(d) : true));
		if (test.length === 0) continue;
		const base = trainBase(train, labels, settings);
		for (const d of test) {
			const x = vectorize(d.keys, base.index);
			out.set(d.id, Object.fromEntries(labels.map((l) => [l, score(base.models.get(l)!, x)])));
		}
	}
	return out;
}

/** The other labels whose model probabilities a label's stacker also reads: the violations. */
export const relatedOf = (label: string, violations: string[]) =>
	violations.includes(label) ? violations.filter((v) => v !== label) : [];

/** Stackers fitted on out-of-fold predictions: how rule and model combine, per label. */
export function stackers(
	docs: Prepared[],
	rubric: CompiledRubric,
	oof: Map<string, Record<string, number>>,
	include: (d: Prepared) => boolean = () => true
) {
	const violations = rubric.violations.map((v) => v.id);
	return Object.fromEntries(
		labelsOf(rubric).map((label) => {
			const related = relatedOf(label, violations);
			const detectorCount =
				[...rubric.violations, ...rubric.dimensions].find((c) => c.id === label)?.detectors
					.length ?? 0;
			const rows = docs
				.filter((d) => oof.has(d.id) && include(d) && d.labels[label] !== undefined)
				.map((d) => {
					const p = oof.get(d.id)!;
					return {
						rule: d.rules[label].rule,
						fired: [...d.rules[label].fired],
						p: p[label],
						also: related.map((r) => p[r]),
						y: d.labels[label]!
					};
				});
			const s = fitStacker(rows, related.length, detectorCount);
			return [
				label,
				{
					rule: round4(s.rule),
					detectors: s.detectors.map(round4),
					model: round4(s.model),
					bias: round4(s.bias),
					also: Object.fromEntries(related.map((r, j) => [r, round4(s.also[j])]))
				}
			];
		})
	);
}

export type ModelInputs = {
	rubric: CompiledRubric;
	rubricHash: string;
	dataHash: string;
	items: Labelled[];
	settings?: Settings;
};

/** Trains the whole model: out-of-fold predictions for the stackers, then base models on everything. */
export function trainModel(inputs: ModelInputs): ModelFile {
	const settings = inputs.settings ?? DEFAULT_SETTINGS;
	const { features, options } = settings;
	const labels = labelsOf(inputs.rubric);
	const docs = prepare(inputs.items, inputs.rubric, features);
	const oof = outOfFold(docs, labels, settings);
	const stack = stackers(docs, inputs.rubric, oof);
	const base = trainBase(docs, labels, settings);

	// Every weight as a 16-bit integer of its label's scale: small, and exact to 1/32767 of the largest.
	const L = labels.length;
	const ints = new Int16Array(base.vocab.length * L);
	const scale: Record<string, number> = {};
	labels.forEach((label, j) => {
		const { w } = base.models.get(label)!;
		let max = 0;
		for (const x of w) max = Math.max(max, Math.abs(x));
		const step = max === 0 ? 1 : max / 32767;
		scale[label] = step;
		for (let i = 0; i < w.length; i++) ints[i * L + j] = Math.round(w[i] / step);
	});
	const violations = new Set(inputs.rubric.violations.map((v) => v.id));
	const numbers = JSON.stringify(stack) + JSON.stringify(scale);
	if (numbers.includes('null')) throw new Error('training diverged: a weight is not a number');
	return {
		format: MODEL_FORMAT,
		rubric: { key: inputs.rubric.key, hash: inputs.rubricHash },
		data: {
			hash: inputs.dataHash,
			replies: inputs.items.length,
			writers: [...new Set(inputs.items.map((d) => d.writer))].sort()
		},
		seed: options.seed,
		features: { chars: features.chars, words: features.words, bigrams: features.bigrams },
		labels,
		vocab: base.vocab,
		bias: Object.fromEntries(labels.map((l) => [l, round4(base.models.get(l)!.b)])),
		weights: { scale, data: encodeInt16(ints) },
		stack,
		// The replies a model-only violation can be said to resemble.
		examples: inputs.items
			.filter((d) => Object.entries(d.labels).some(([l, y]) => y === 1 && violations.has(l)))
			.map((d) => ({
				text: d.text,
				lang: d.lang,
				labels: Object.entries(d.labels)
					.filter(([l, y]) => y === 1 && violations.has(l))
					.map(([l]) => l)
					.sort()
			}))
	};
}
