import {
	accuracy,
	precision,
	recall,
	type Counts,
	type Tally
} from '../../lib/engine/scoring/learned/evaluate';
import type { CompiledRubric } from '../../lib/engine/scoring';

export const WAYS = ['rules', 'model', 'combined', 'seen'] as const;
export type Way = (typeof WAYS)[number];
const HEADINGS: Record<Way, string> = {
	rules: 'rules alone',
	model: 'model alone',
	combined: 'combined',
	seen: 'with uncertain'
};

const f = (x: number) => x.toFixed(3);
const pr = (c: Counts) => `${f(precision(c))}/${f(recall(c))}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export const critical = (rubric: CompiledRubric) =>
	rubric.violations.filter((v) => v.severity === 'critical').map((v) => v.id);

/** Macro precision and recall over the critical violations, the lowest recall, dimension accuracy. */
export function summary(rubric: CompiledRubric, tally: Tally, way: Way) {
	const crit = critical(rubric);
	const recalls = crit.map((c) => recall(tally[c][way]));
	const dims = rubric.dimensions.map((d) => accuracy(tally[d.id][way]));
	return {
		precision: mean(crit.map((c) => precision(tally[c][way]))),
		recall: mean(recalls),
		lowestRecall: Math.min(...recalls),
		slangPrecision: tally.slang ? precision(tally.slang[way]) : null,
		dimensions: mean(dims),
		lowestDimension: Math.min(...dims)
	};
}

/** Precision/recall per violation and accuracy per dimension, one column per way of scoring. */
export function printTally(rubric: CompiledRubric, tally: Tally) {
	console.log(
		`  ${'violation (precision/recall)'.padEnd(36)}${WAYS.map((w) => HEADINGS[w].padStart(16)).join('')}   support`
	);
	for (const v of rubric.violations) {
		const c = tally[v.id];
		console.log(
			`  ${`${v.id} (${v.severity})`.padEnd(36)}${WAYS.map((w) => pr(c[w]).padStart(16)).join('')}   ${String(c.rules.tp + c.rules.fn).padStart(7)}`
		);
	}
	console.log(`  ${'dimension (accuracy)'.padEnd(36)}`);
	for (const d of rubric.dimensions) {
		const c = tally[d.id];
		console.log(
			`  ${d.id.padEnd(36)}${WAYS.map((w) => f(accuracy(c[w])).padStart(16)).join('')}   ${String(c.rules.tp + c.rules.fn).padStart(7)}`
		);
	}
	printSummary(rubric, tally, '  ');
}

export function printSummary(rubric: CompiledRubric, tally: Tally, indent: string) {
	const rows: [string, (s: ReturnType<typeof summary>) => string][] = [
		['critical macro P/R', (s) => `${f(s.precision)}/${f(s.recall)}`],
		['lowest critical recall', (s) => f(s.lowestRecall)],
		['slang precision', (s) => (s.slangPrecision === null ? '-' : f(s.slangPrecision))],
		['dimension accuracy', (s) => f(s.dimensions)],
		['lowest dimension', (s) => f(s.lowestDimension)]
	];
	for (const [name, cell] of rows)
		console.log(
			`${indent}${name.padEnd(36)}${WAYS.map((w) => cell(summary(rubric, tally, w)).padStart(16)).join('')}`
		);
}
