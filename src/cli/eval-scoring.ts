import fs from 'node:fs';
import type { CompiledRubric } from '../lib/engine/scoring';
import {
	crossValidate,
	precision,
	recall,
	accuracy,
	scoreSet,
	type SetReport
} from '../lib/engine/scoring/learned/evaluate';
import { DEFAULT_SETTINGS, labelsOf, type Labelled } from '../lib/engine/scoring/learned/pipeline';
import { checkContent } from '../lib/server/content';
import { evaluateContextSet } from '../lib/server/context-set';
import { BLIND_SETS, readLabelled, trainingCorpus } from '../lib/server/learned/corpus';
import { projectRubric } from '../lib/server/rubric-files';
import { playSkilled } from '../lib/server/skilled-play';
import { printSummary, printTally } from './eval/tables';
import { run } from './run';

const DIR = 'tests/fixtures/scoring';

/** The rules' figures on a set, in the shape the quality test reads. */
function rulesFigures(rubric: CompiledRubric, report: SetReport) {
	return {
		n: report.n,
		violations: Object.fromEntries(
			rubric.violations.map((v) => {
				const c = report.labels[v.id].rules;
				return [v.id, { precision: precision(c), recall: recall(c), support: c.tp + c.fn }];
			})
		),
		dimensions: Object.fromEntries(
			rubric.dimensions.map((d) => [d.id, accuracy(report.labels[d.id].rules)])
		)
	};
}

// npm run eval:scoring [-- --json] [--no-lowo] [--errors]
run(() => {
	const args = process.argv.slice(2);
	const rubric = projectRubric(
		args.includes('--rubric') ? args[args.indexOf('--rubric') + 1] : undefined
	);
	const criteria = labelsOf(rubric);
	const read = (file: string) => readLabelled(file, undefined, criteria);
	const dev = [...read(`${DIR}/en.jsonl`), ...read(`${DIR}/zh.jsonl`)];

	if (args.includes('--json')) {
		const context = evaluateContextSet(rubric);
		console.log(
			JSON.stringify({
				development: rulesFigures(rubric, scoreSet(dev, rubric)),
				holdout: rulesFigures(rubric, scoreSet(read(`${DIR}/holdout.jsonl`), rubric)),
				context: { n: context.n, held: context.held }
			})
		);
		return;
	}

	const { items, hash } = trainingCorpus(criteria);
	const model = rubric.model?.file;
	console.log(
		`training corpus: ${items.length} replies (${items.filter((i) => i.lang === 'zh').length} zh, ` +
			`${items.filter((i) => i.lang === 'en').length} en) from ${new Set(items.map((i) => i.writer)).size} writers`
	);
	console.log(
		model
			? `model: trained on ${model.data.replies} replies from ${model.data.writers.length} writers; ` +
					(model.data.hash === hash
						? 'its data hash matches the corpus'
						: 'its data hash does NOT match the corpus: retrain (npm run train:scoring)')
			: 'model: none (the rubric scores with its rules alone)'
	);

	if (!args.includes('--no-lowo')) {
		const started = Date.now();
		const thresholds = (label: string) =>
			rubric.violations.find((v) => v.id === label)?.thresholds ?? null;
		const cv = crossValidate(
			items,
			rubric,
			model ? settingsOf(model) : DEFAULT_SETTINGS,
			thresholds
		);
		console.log(
			`\nleave-one-writer-out (${cv.n} replies, ${cv.writers.length} writers; each writer judged by ` +
				`models and stackers trained without it; ${((Date.now() - started) / 1000).toFixed(0)} s)`
		);
		printTally(rubric, cv.labels);
		for (const lang of ['zh', 'en'] as const) {
			console.log(`  by language: ${lang}`);
			printSummary(rubric, cv.byLang[lang], '    ');
		}
		console.log('  by writer held out (combined): critical macro P/R, dimension accuracy');
		for (const writer of cv.writers) {
			const t = cv.byWriter[writer];
			const crit = rubric.violations.filter((v) => v.severity === 'critical');
			const p = crit.reduce((n, v) => n + precision(t[v.id].combined), 0) / crit.length;
			const r = crit.reduce((n, v) => n + recall(t[v.id].combined), 0) / crit.length;
			const dims =
				rubric.dimensions.reduce((n, d) => n + accuracy(t[d.id].combined), 0) /
				rubric.dimensions.length;
			console.log(`    ${writer.padEnd(10)} ${p.toFixed(3)}/${r.toFixed(3)}   ${dims.toFixed(3)}`);
		}
	}

	for (const file of BLIND_SETS) {
		if (!fs.existsSync(file)) {
			console.log(`\n${file}: not written yet`);
			continue;
		}
		const set = read(file);
		console.log(
			`\nblind set ${file} (${set.length} replies, written after the model was trained; never trained or tuned on)`
		);
		printTally(rubric, scoreSet(set, rubric).labels);
	}

	console.log(
		'\nrules alone on the earlier sets (the model is trained on them, so only the rules are measured here)'
	);
	const earlier: [string, Labelled[]][] = [
		['development (en.jsonl, zh.jsonl)', dev],
		['holdout.jsonl', read(`${DIR}/holdout.jsonl`)],
		['blind.jsonl', read(`${DIR}/blind.jsonl`)],
		['blind2.jsonl', read(`${DIR}/blind2.jsonl`)],
		['blind3.jsonl', read(`${DIR}/blind3.jsonl`)]
	];
	for (const [name, set] of earlier) {
		const r = rulesFigures(rubric, scoreSet(set, rubric));
		const crit = rubric.violations.filter((v) => v.severity === 'critical').map((v) => v.id);
		const mp = crit.reduce((n, c) => n + r.violations[c].precision, 0) / crit.length;
		const mr = crit.reduce((n, c) => n + r.violations[c].recall, 0) / crit.length;
		const dims = Object.values(r.dimensions);
		console.log(
			`  ${name.padEnd(34)} ${String(r.n).padStart(4)} replies: critical macro P/R ${mp.toFixed(3)}/${mr.toFixed(3)}, dimension accuracy ${(dims.reduce((a, b) => a + b, 0) / dims.length).toFixed(3)}`
		);
	}

	const checked = checkContent();
	const plays = playSkilled(
		checked.scenarios.map((sc) => sc.compiled),
		rubric
	);
	console.log(
		`\nskilled play: skilled.json (replies a skilled agent wrote apart, played in each scenario): ${plays.filter((p) => p.outcome === 'resolved').length} of ${plays.length} resolved`
	);
	for (const p of plays)
		console.log(
			`  ${p.scenario} ${p.lang} #${p.variant + 1}: ${p.outcome}, ${p.score} (${p.path.join(' → ')})`
		);
	const context = evaluateContextSet(rubric);
	console.log(
		`\nregression set: context.jsonl (gamed and context replies, scored in their scenario state): ${context.held} of ${context.n} hold`
	);
	for (const r of context.results.filter((r) => !r.ok))
		console.log(`  ${r.id} ${r.problems.join('; ')} — ${r.text}`);
});

/** The settings a model file was trained with (the rest are the defaults). */
function settingsOf(model: NonNullable<CompiledRubric['model']>['file']) {
	return {
		...DEFAULT_SETTINGS,
		features: model.features,
		options: { ...DEFAULT_SETTINGS.options, seed: model.seed }
	};
}
