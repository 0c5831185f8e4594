import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rubricIds } from '../engine/scoring';
import { formatProblem, type Problem } from '../engine/source';
import { CATALOGUE_FILE, loadCatalogue } from './criteria-files';
import { checkRubrics, rubricFiles } from './rubric-files';
import { checkScenarios, scenarioFiles } from './scenario-files';

// Mutated copies of the real files must load cleanly or give located problems: never throw, never
// take long. Fixed seeds keep every run the same; a failure prints the mutations that caused it.
const SEED = 20261113;
const RUNS = 250;
const SLOW_MS = 2_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { rubrics, problems: rubricProblems } = checkRubrics();
if (rubricProblems.length > 0) throw new Error(rubricProblems.map(formatProblem).join('\n'));
const compiled = rubrics.map((r) => r.rubric);
const idsOf = (key: string) => {
	const rubric = compiled.find((r) => r.key === key);
	return rubric ? rubricIds(rubric) : undefined;
};

/** A change to a file's lines, printed by its label when fast-check reports a failure. */
class Mutation {
	constructor(
		readonly label: string,
		readonly apply: (lines: string[]) => string[]
	) {}
	[fc.toStringMethod]() {
		return this.label;
	}
}
const change = (label: string, apply: (lines: string[]) => string[]) => new Mutation(label, apply);

const scalars = [
	'42',
	'-1.5',
	'true',
	'null',
	'~',
	'[]',
	'{}',
	'[a, 1]',
	'{ a: 1 }',
	"''",
	'"x"',
	'.inf'
];
const snippets = [
	'&anchor',
	'*anchor',
	'*nothing',
	'&a [x, y]',
	'!!binary aGVsbG8=',
	'? [complex, key]',
	'<<: *anchor',
	'"unterminated',
	'{ unclosed: [',
	'- item',
	'|',
	'key: value: other'
];
/** A small alias bomb: ten levels of ten aliases each. */
const bomb = Array.from({ length: 10 }, (_, i) =>
	i === 0
		? 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]'
		: `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`)}]`
);

/** Line positions are drawn per mille of the file, so every part of every file is reached. */
const at = (lines: string[], perMille: number) => Math.floor((perMille / 1000) * lines.length);
const splice = (lines: string[], i: number, remove: number, ...add: string[]) => {
	const copy = [...lines];
	copy.splice(at(copy, i), remove, ...add);
	return copy;
};

const index = fc.nat({ max: 999 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	index.map((i) => change(`delete the line at ${i}‰`, (l) => splice(l, i, 1))),
	index.map((i) =>
		change(`duplicate the line at ${i}‰`, (l) => splice(l, i, 0, l[at(l, i)] ?? ''))
	),
	fc.tuple(index, index).map(([i, j]) =>
		change(`swap the lines at ${i}‰ and ${j}‰`, (l) => {
			const copy = [...l];
			[copy[at(l, i)], copy[at(l, j)]] = [copy[at(l, j)], copy[at(l, i)]];
			return copy;
		})
	),
	fc.tuple(index, fc.integer({ min: -4, max: 4 }), fc.boolean()).map(([i, by, tab]) =>
		change(`indent the line at ${i}‰ by ${by}${tab ? ' with a tab' : ''}`, (l) => {
			const line = l[at(l, i)] ?? '';
			const indented =
				by >= 0
					? (tab ? '\t' : ' '.repeat(by)) + line
					: line.replace(new RegExp(`^ {0,${-by}}`), '');
			return splice(l, i, 1, indented);
		})
	),
	fc
		.tuple(index, fc.constantFrom(...scalars))
		.map(([i, value]) =>
			change(`replace the value at ${i}‰ with ${value}`, (l) =>
				splice(l, i, 1, (l[at(l, i)] ?? '').replace(/(:\s*|-\s+).*$/, `$1${value}`))
			)
		),
	fc
		.tuple(index, fc.constantFrom(...snippets))
		.map(([i, snippet]) =>
			change(`put ${snippet} at ${i}‰`, (l) =>
				splice(l, i, 1, (l[at(l, i)] ?? '').replace(/(:\s*|-\s+)(.*)$/, `$1${snippet} $2`))
			)
		),
	fc.tuple(index, index).map(([i, j]) =>
		change(`anchor the line at ${i}‰, alias it at ${j}‰`, (l) => {
			const anchored = splice(l, i, 1, (l[at(l, i)] ?? '').replace(/:\s+(.+)$/, ': &fuzz $1'));
			return splice(
				anchored,
				j,
				1,
				(anchored[at(anchored, j)] ?? '').replace(/:\s+.+$/, ': *fuzz')
			);
		})
	),
	fc.constant(change('prepend an alias bomb', (l) => [...bomb, ...l])),
	fc.nat({ max: 100 }).map((percent) =>
		change(`truncate at ${percent}%`, (l) => {
			const text = l.join('\n');
			return text.slice(0, Math.floor((text.length * percent) / 100)).split('\n');
		})
	),
	fc
		.tuple(index, fc.nat({ max: 80 }), fc.uint8Array({ minLength: 1, maxLength: 12 }))
		.map(([i, col, bytes]) =>
			change(`insert bytes ${Buffer.from(bytes).toString('hex')} at ${i}‰`, (l) => {
				const line = l[at(l, i)] ?? '';
				const noise = Buffer.from(bytes).toString('latin1');
				return splice(l, i, 1, line.slice(0, col) + noise + line.slice(col));
			})
		)
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

function expectLocated(problems: Problem[], file: string) {
	for (const problem of problems) {
		expect(problem.file).toBe(file);
		expect(problem.line).toBeGreaterThanOrEqual(1);
		expect(problem.col).toBeGreaterThanOrEqual(1);
		expect(problem.message.trim()).not.toBe('');
		expect(formatProblem(problem)).toMatch(/^[^:]+:\d+:\d+[ :]/);
	}
}

/** Mutates `original`, writes it to `file`, and checks it within the time budget. */
function fuzz(originals: string[], file: string, check: (file: string) => Problem[]) {
	const outcomes = { clean: 0, located: 0, aliasBombs: 0 };
	fc.assert(
		fc.property(fc.constantFrom(...originals), mutations, (original, applied) => {
			const text = applied
				.reduce((lines, m) => m.apply(lines), fs.readFileSync(original, 'utf8').split('\n'))
				.join('\n');
			fs.writeFileSync(file, text);
			const started = performance.now();
			const problems = check(file);
			expect(performance.now() - started).toBeLessThan(SLOW_MS);
			expectLocated(problems, file);
			outcomes[problems.length === 0 ? 'clean' : 'located']++;
			if (problems.some((p) => p.message.includes('alias bomb'))) outcomes.aliasBombs++;
		}),
		{ seed: SEED, numRuns: RUNS, endOnFailure: true }
	);
	return outcomes;
}

const withoutModel = (text: string) => text.replace(/^ {2}model: .*\n/m, '');

describe('mutated files end in a clean pass or located problems', () => {
	// Both outcomes occur, and the alias bomb is reached: the mutations get past the YAML parser.
	const expectBothOutcomes = (outcomes: ReturnType<typeof fuzz>) => {
		expect(outcomes.clean).toBeGreaterThan(0);
		expect(outcomes.located).toBeGreaterThan(0);
		expect(outcomes.aliasBombs).toBeGreaterThan(0);
	};

	it('scenario files', { timeout: 60_000 }, () => {
		const file = path.join(dir, 'scenario.yaml');
		expectBothOutcomes(fuzz(scenarioFiles(), file, (f) => checkScenarios([f], idsOf).problems));
	});

	it('the rubric file', { timeout: 60_000 }, () => {
		const file = path.join(dir, 'rubric.yaml');
		// The rubric text alone: without its model file, a copy must not name one.
		const originals = rubricFiles().map((f, i) => {
			const copy = path.join(dir, `original-${i}.yml`);
			fs.writeFileSync(copy, withoutModel(fs.readFileSync(f, 'utf8')));
			return copy;
		});
		expectBothOutcomes(fuzz(originals, file, (f) => checkRubrics([f]).problems));
	});

	it('the criteria catalogue', { timeout: 60_000 }, () => {
		const file = path.join(dir, 'catalogue.yaml');
		const outcomes = fuzz([CATALOGUE_FILE], file, (f) => {
			const loaded = loadCatalogue(f, compiled);
			return loaded.ok ? [] : loaded.problems;
		});
		expectBothOutcomes(outcomes);
	});
});
