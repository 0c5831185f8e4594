/**
 * Leave-one-writer-out evaluation: every writer's replies judged by models that never saw that
 * writer, as rules alone, model alone, and the two combined by stackers fitted without that writer.
 */
import { assessReply, SHOWN } from '../assess';
import { normalize } from '../normalize';
import type { CompiledRubric, Thresholds } from '../rubric';
import { confidenceOf, predict, see, type CompiledModel } from './model';
import {
	labelsOf,
	outOfFold,
	prepare,
	stackers,
	type Labelled,
	type Prepared,
	type Settings
} from './pipeline';

export type Counts = { tp: number; fp: number; fn: number; tn: number };
const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const add = (c: Counts, got: boolean, want: boolean) => {
	if (got && want) c.tp++;
	else if (got) c.fp++;
	else if (want) c.fn++;
	else c.tn++;
};
export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
export const accuracy = (c: Counts) => (c.tp + c.tn) / Math.max(1, c.tp + c.tn + c.fp + c.fn);

/** Per label: rules alone, model alone (p ≥ 0.5), combined certain, combined certain or uncertain. */
export type Tally = Record<
	string,
	{ rules: Counts; model: Counts; combined: Counts; seen: Counts }
>;

export type Report = {
	n: number;
	writers: string[];
	labels: Tally;
	/** The same, per writer held out (for the spread between writers) and per language. */
	byWriter: Record<string, Tally>;
	byLang: Record<'zh' | 'en', Tally>;
};

const freshTally = (labels: string[]): Tally =>
	Object.fromEntries(
		labels.map((l) => [l, { rules: empty(), model: empty(), combined: empty(), seen: empty() }])
	);

export function crossValidate(
	items: Labelled[],
	rubric: CompiledRubric,
	settings: Settings,
	thresholdsOf: (label: string) => Thresholds | null
): Report {
	const labels = labelsOf(rubric);
	const docs = prepare(items, rubric, settings.features);
	const oof = outOfFold(docs, labels, settings);
	const writers = [...new Set(docs.map((d) => d.writer))].sort();
	const report: Report = {
		n: docs.length,
		writers,
		labels: freshTally(labels),
		byWriter: {},
		byLang: { zh: freshTally(labels), en: freshTally(labels) }
	};
	for (const writer of writers) {
		report.byWriter[writer] = freshTally(labels);
		const stack = stackers(docs, rubric, oof, (d: Prepared) => d.writer !== writer);
		const model = { stack } as unknown as CompiledModel;
		for (const d of docs.filter((x) => x.writer === writer)) {
			const p = oof.get(d.id)!;
			for (const label of labels) {
				if (d.labels[label] === undefined) continue;
				const want = d.labels[label] === 1;
				const t = thresholdsOf(label);
				const rule = d.rules[label].rule;
				const conf = confidenceOf(model, label, d.rules[label], p[label], (o) => p[o] ?? null);
				const cut = t ? t.certain : 0.5;
				const low = t ? t.uncertain : 0.5;
				for (const target of [
					report.labels[label],
					report.byWriter[writer][label],
					report.byLang[d.lang][label]
				]) {
					add(target.rules, rule >= 0.5, want);
					add(target.model, p[label] >= 0.5, want);
					add(target.combined, conf >= cut, want);
					add(target.seen, conf >= low, want);
				}
			}
		}
	}
	return report;
}

/** One labelled set scored as the app scores it: rules alone, model alone, and both combined. */
export type SetReport = { n: number; labels: Tally; byLang: Record<'zh' | 'en', Tally> };

export function scoreSet(items: Labelled[], rubric: CompiledRubric): SetReport {
	const labels = labelsOf(rubric);
	const expects = rubric.dimensions.map((d) => d.id);
	const rulesOnly = { ...rubric, model: null };
	const report: SetReport = {
		n: items.length,
		labels: freshTally(labels),
		byLang: { zh: freshTally(labels), en: freshTally(labels) }
	};
	for (const item of items) {
		const rules = assessReply(item.text, { rubric: rulesOnly, lang: item.lang, expects });
		const full = assessReply(item.text, { rubric, lang: item.lang, expects });
		const model = rubric.model;
		const probs = model ? predict(model, see(model, normalize(item.text))) : null;
		for (const label of labels) {
			if (item.labels[label] === undefined) continue;
			const want = item.labels[label] === 1;
			const j = model?.column.get(label);
			const byModel = probs !== null && j !== undefined && probs[j] >= 0.5;
			const isDimension = label in full.dimensions;
			const found = full.violations.find((v) => v.id === label);
			const got = isDimension
				? {
						rules: rules.dimensions[label].score >= SHOWN,
						combined: full.dimensions[label].score >= SHOWN,
						seen: full.dimensions[label].score >= SHOWN
					}
				: {
						rules: rules.violations.some((v) => v.id === label),
						combined: found !== undefined && !found.uncertain,
						seen: found !== undefined
					};
			for (const target of [report.labels[label], report.byLang[item.lang][label]]) {
				add(target.rules, got.rules, want);
				add(target.model, byModel, want);
				add(target.combined, got.combined, want);
				add(target.seen, got.seen, want);
			}
		}
	}
	return report;
}
