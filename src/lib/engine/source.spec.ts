import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formatProblem, MAX_ALIAS_EXPANSION, SourceFile } from './source';

const file = 'scenarios/anchors.yaml';
const schema = v.record(v.string(), v.unknown());
const problemsOf = (text: string) => {
	const result = new SourceFile(file, text).validate(schema);
	return result.ok ? [] : result.problems.map(formatProblem);
};

/** `levels` anchors, each a list of ten aliases of the one before: 10^levels values. */
const aliasBomb = (levels: number) =>
	[
		'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
		...Array.from(
			{ length: levels - 1 },
			(_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`)}]`
		)
	].join('\n');

describe('YAML anchors and aliases', () => {
	it('reads a document whose aliases repeat a value', () => {
		const text = 'shared: &text { zh: 您好, en: Hello }\nagain: *text\n';
		const result = new SourceFile(file, text).validate(schema);
		expect(result.ok && result.data.again).toEqual({ zh: '您好', en: 'Hello' });
	});

	it('allows more than a hundred aliases of a small value (the yaml library alone would refuse)', () => {
		const text = `x: &x 1\nlist: [${Array(150).fill('*x')}]\n`;
		expect(problemsOf(text)).toEqual([]);
	});

	it('locates an alias that names no anchor', () => {
		expect(problemsOf('key: rude-call\nrubric: *nothing\n')).toEqual([
			`${file}:2:9: unknown alias *nothing: set the anchor &nothing before it`
		]);
	});

	it('locates an alias used before its anchor', () => {
		expect(problemsOf('a: *later\nb: &later 1\n')).toEqual([
			`${file}:1:4: unknown alias *later: set the anchor &later before it`
		]);
	});

	it('locates an alias inside the node it names', () => {
		expect(problemsOf('a: &loop\n  - x\n  - *loop\n')).toEqual([
			`${file}:3:5: alias *loop is inside the node it names (a loop)`
		]);
	});

	it('locates an alias bomb quickly, at the alias that crosses the limit', () => {
		const started = performance.now();
		const found = problemsOf(aliasBomb(9)); // a billion values if expanded
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(found).toEqual([
			expect.stringMatching(
				new RegExp(
					`^${file}:4:\\d+: aliases expand to more than ${MAX_ALIAS_EXPANSION} values \\(an alias bomb\\?\\)`
				)
			)
		]);
	});

	it('keeps a document just under the limit', () => {
		expect(problemsOf(aliasBomb(3))).toEqual([]);
	});
});
