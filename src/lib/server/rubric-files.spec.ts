import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../engine/source';
import { checkRubrics, rubricFiles } from './rubric-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-rubrics-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rubric files', () => {
	it('locates a duplicate rubric key at the key of the second file', () => {
		const [original] = rubricFiles();
		// A copy without its model file names none.
		const text = `# a copy\n\n${fs.readFileSync(original, 'utf8').replace(/^ {2}model: .*\n/m, '')}`;
		const [a, b] = ['a.yaml', 'b.yaml'].map((name) => path.join(dir, name));
		fs.writeFileSync(a, text);
		fs.writeFileSync(b, text);
		const line = text.split('\n').findIndex((l) => l.startsWith('key: ')) + 1;
		expect(checkRubrics([a, b]).problems.map(formatProblem)).toEqual([
			`${b}:${line}:6 key: duplicate rubric key "complaint-handling" (also in ${a})`
		]);
	});
});
