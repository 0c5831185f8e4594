import fs from 'node:fs';
import { assessReply, SHOWN, type CompiledRubric } from '../lib/engine/scoring';
import { checkContent } from '../lib/server/content';
import { evaluateContextSet } from '../lib/server/context-set';
import { playSkilled } from '../lib/server/skilled-play';
import { projectRubric } from '../lib/server/rubric-files';
import { run } from './run';

type Labelled = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	dimensions: Record<string, number>;
	violations: string[];
};

const readSet = (file: string): Labelled[] =>
	fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as Labelled);

/** Precision and recall per violation, accuracy per dimension, over a labelled set. */
export function evaluate(rubric: CompiledRubric, items: Labelled[]) {
	const violations = rubric.violations.map((v) => v.id);
	const dimensions = rubric.dimensions.map((d) => d.id);
	const counts = Object.fromEntries(violations.map((v) => [v, { tp: 0, fp: 0, fn: 0 }]));
	const correct = Object.fromEntries(dimensions.map((d) => [d, 0]));
	const errors: string[] = [];
	for (const item of items) {
		const a = assessReply(item.text, { rubric, lang: item.lang });
		const found = new Set(a.violations.map((v) => v.id));
		for (const v of violations) {
			const expected = item.violations.includes(v);
			const got = found.has(v);
			if (expected && got) counts[v].tp++;
			else if (got) {
				counts[v].fp++;
				errors.push(
					`${item.id} +${v} [${a.violations
						.find((x) => x.id === v)
						?.evidence.map((e) => e.rule)
						.join('; ')}] ${item.text}`
				);
			} else if (expected) {
				counts[v].fn++;
				errors.push(`${item.id} -${v} ${item.text}`);
			}
		}
		for (const d of dimensions) {
			const shown = a.dimensions[d].score >= SHOWN;
			if (shown === (item.dimensions[d] === 1)) correct[d]++;
			else
				errors.push(
					`${item.id} ${shown ? '+' : '-'}${d} [${a.dimensions[d].evidence.map((e) => e.rule).join('; ')}] ${item.text}`
				);
		}
	}
	const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
	return {
		n: items.length,
		violations: Object.fromEntries(
			violations.map((v) => {
				const { tp, fp, fn } = counts[v];
				return [v, { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), support: tp + fn }];
			})
		),
		dimensions: Object.fromEntries(dimensions.map((d) => [d, correct[d] / items.length])),
		errors
	};
}

function print(title: string, result: ReturnType<typeof evaluate>) {
	console.log(`\n${title} (${result.n} replies)`);
	console.log('violation                 precision  recall  support');
	for (const [id, r] of Object.entries(result.violations)) {
		console.log(
			`  ${id.padEnd(24)} ${r.precision.toFixed(3).padStart(8)} ${r.recall.toFixed(3).padStart(7)} ${String(r.support).padStart(8)}`
		);
	}
	console.log('dimension                 accuracy');
	for (const [id, acc] of Object.entries(result.dimensions))
		console.log(`  ${id.padEnd(24)} ${acc.toFixed(3).padStart(8)}`);
}

run(() => {
	const args = process.argv.slice(2);
	const rubric = projectRubric(
		args.includes('--rubric') ? args[args.indexOf('--rubric') + 1] : undefined
	);
	const dir = 'tests/fixtures/scoring';
	const dev = [...readSet(`${dir}/en.jsonl`), ...readSet(`${dir}/zh.jsonl`)];
	const holdout = readSet(`${dir}/holdout.jsonl`);
	const devResult = evaluate(rubric, dev);
	if (args.includes('--json')) {
		const strip = ({ errors: _errors, ...rest }: ReturnType<typeof evaluate>) => rest;
		const context = evaluateContextSet(rubric);
		console.log(
			JSON.stringify({
				development: strip(devResult),
				holdout: strip(evaluate(rubric, holdout)),
				context: { n: context.n, held: context.held }
			})
		);
		return;
	}
	print('development set: en.jsonl + zh.jsonl', devResult);
	print(
		'by language: en',
		evaluate(
			rubric,
			dev.filter((i) => i.lang === 'en')
		)
	);
	print(
		'by language: zh',
		evaluate(
			rubric,
			dev.filter((i) => i.lang === 'zh')
		)
	);
	const holdoutResult = evaluate(rubric, holdout);
	print(
		'first set: holdout.jsonl (written apart; its misses were read while tuning)',
		holdoutResult
	);
	const blind = readSet(`${dir}/blind.jsonl`);
	const blindResult = evaluate(rubric, blind);
	print('second set: blind.jsonl (written apart; its misses were read while tuning)', blindResult);
	const blind2Result = evaluate(rubric, readSet(`${dir}/blind2.jsonl`));
	print(
		'third set: blind2.jsonl (written apart; read once, after its blind score was taken)',
		blind2Result
	);
	if (args.includes('--blind2-errors')) for (const e of blind2Result.errors) console.log(`  ${e}`);
	const blind3Result = evaluate(rubric, readSet(`${dir}/blind3.jsonl`));
	print(
		'fourth set: blind3.jsonl (written apart; read once, after its blind score was taken)',
		blind3Result
	);
	if (args.includes('--blind3-errors')) for (const e of blind3Result.errors) console.log(`  ${e}`);
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
	if (args.includes('--errors')) {
		console.log('\nmisses and false alarms (development set):');
		for (const e of devResult.errors) console.log(`  ${e}`);
	}
	for (const [flag, result] of [
		['--holdout-errors', holdoutResult],
		['--blind-errors', blindResult]
	] as const) {
		if (args.includes(flag)) for (const e of result.errors) console.log(`  ${e}`);
	}
});
