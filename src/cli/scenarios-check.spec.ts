import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (...args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scenarios-check.ts', ...args], {
		encoding: 'utf8',
		timeout: 60_000
	});

describe('npm run scenarios:check', () => {
	it('checks the catalogue with the scenarios and rubrics, and passes on the project files', () => {
		const run = check();
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/^scenarios\/criteria\/catalogue\.yaml: \d+ clauses$/m);
		expect(run.stdout).toMatch(/1 rubric files, \d+ scenario files, 1 catalogue file, 0 problems/);
		expect(run.status).toBe(0);
	});

	it('prints each catalogue problem located and exits 1', () => {
		const catalogue = path.join(dir, 'catalogue.yaml');
		const text = fs
			.readFileSync('scenarios/criteria/catalogue.yaml', 'utf8')
			.replace('violations: [disrespect]', 'violations: [disrespekt]')
			.replace('code: R-04', 'code: R-01');
		fs.writeFileSync(catalogue, text);
		const run = check('--catalogue', catalogue);
		expect(run.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(
				/:\d+:\d+ clauses\[3\]\.trigger\.violations\[0\]: no rubric has the violation "disrespekt"/
			),
			expect.stringMatching(/:\d+:\d+ clauses\[5\]\.code: duplicate clause code "R-01"/)
		]);
		expect(run.stdout).toMatch(/1 catalogue file, 2 problems/);
		expect(run.status).toBe(1);
	});

	it('locates an alias bomb and an unknown alias in a scenario instead of failing without a place', () => {
		const bomb = path.join(dir, 'bomb.yaml');
		const levels = Array.from({ length: 9 }, (_, i) =>
			i === 0
				? 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
				: `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`)}]`
		);
		fs.writeFileSync(bomb, levels.join('\n'));
		const unknown = path.join(dir, 'unknown.yaml');
		fs.writeFileSync(
			unknown,
			fs
				.readFileSync('scenarios/rude-call.yaml', 'utf8')
				.replace(/^rubric: .*$/m, 'rubric: *nothing')
		);
		const run = check(bomb, unknown);
		expect(run.stderr.trim().split('\n')).toEqual([
			`${bomb}:4:38: aliases expand to more than 10000 values (an alias bomb?): use fewer or smaller aliases`,
			expect.stringMatching(
				new RegExp(
					`^${unknown}:\\d+:9: unknown alias \\*nothing: set the anchor &nothing before it$`
				)
			)
		]);
		expect(run.status).toBe(1);
	});
});
