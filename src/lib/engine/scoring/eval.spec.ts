import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The measured quality of the default rubric on the labelled development set, kept from slipping.
describe('scoring quality on tests/fixtures/scoring', () => {
	it('keeps every critical violation at precision and recall >= 0.9 and every dimension at accuracy >= 0.85', async () => {
		const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/eval-scoring.ts', '--json']);
		const report = JSON.parse(stdout) as {
			development: {
				violations: Record<string, { precision: number; recall: number }>;
				dimensions: Record<string, number>;
			};
		};
		const critical = [
			'blame_shift',
			'ask_customer_to_decide',
			'brush_off',
			'disrespect',
			'unauthorized_promise'
		];
		for (const id of critical) {
			expect(report.development.violations[id].precision, id).toBeGreaterThanOrEqual(0.9);
			expect(report.development.violations[id].recall, id).toBeGreaterThanOrEqual(0.9);
		}
		for (const [id, accuracy] of Object.entries(report.development.dimensions)) {
			expect(accuracy, id).toBeGreaterThanOrEqual(0.85);
		}
	}, 60_000);

	it('scores a line per input and reports bad lines without stopping (the score CLI)', async () => {
		const child = run('node_modules/.bin/tsx', ['src/cli/score.ts', '--jsonl']);
		child.child.stdin?.end(
			'{"id":"a","text":"您好，非常抱歉。"}\nnot json\n{"id":"b","text":"Sorry","lang":"fr"}\n{"id":"c","text":"Hello"}\n'
		);
		const failure = await child.catch((e: { code: number; stdout: string; stderr: string }) => e);
		expect(failure).toMatchObject({ code: 1 });
		const lines = (failure as { stdout: string }).stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines.map((l) => l.id)).toEqual(['a', null, 'b', 'c']);
		expect(lines[0]).toMatchObject({ lang: 'zh', dimensions: { apology: { score: 1 } } });
		expect(lines[1]).toEqual({ id: null, error: 'not valid JSON' });
		expect(lines[2]).toEqual({ id: 'b', error: 'lang must be "zh" or "en"' });
		expect(lines[3].dimensions.greeting.score).toBe(1);
	}, 60_000);
});
