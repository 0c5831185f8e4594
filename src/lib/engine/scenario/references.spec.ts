import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric, rubricIds } from '../scoring';
import { formatProblem } from '../source';
import { loadScenario } from './load';
import { checkReferences } from './references';
import { compileScenario } from './scenario.machine';

const rubricFile = 'scenarios/rubrics/complaint-handling.yaml';
const rubricLoad = loadRubric(rubricFile, fs.readFileSync(rubricFile, 'utf8'));
if (!rubricLoad.ok) throw new Error(rubricLoad.problems.map(formatProblem).join('\n'));
const rubric = rubricLoad.rubric;

function check(file: string, edit: (text: string) => string = (t) => t) {
	const loaded = loadScenario(file, edit(fs.readFileSync(file, 'utf8')), rubricIds(rubric));
	if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
	return checkReferences(compileScenario(loaded.scenario), rubric);
}

describe('reference replies are tests', () => {
	it.each(['disputed-fee', 'missed-appointment', 'rude-call', 'subsidy-claim'])(
		'%s: every reference reply meets its state, and played in order they resolve it at 90 or more',
		(key) => {
			const { problems, plays } = check(`scenarios/${key}.yaml`);
			expect(problems).toEqual([]);
			for (const play of plays) {
				expect(play.outcome).toBe('resolved');
				expect(play.score).toBeGreaterThanOrEqual(90);
			}
		}
	);

	it('names a reference reply that misses its state, raises a violation or takes another way', () => {
		const { problems } = check('scenarios/disputed-fee.yaml', (text) =>
			text.replace(
				/(\n {2}facts:\n(?:.*\n)*? {4}ideal:\n {6}zh: ).*\n/,
				'$1这事是安装师傅个人的问题，您直接找他吧。\n'
			)
		);
		const messages = problems.map((p) => `${p.path.join('.')}: ${p.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^states\.facts\.ideal\.zh: the reference reply \(zh\) does not show compliance$/
				),
				expect.stringMatching(
					/^states\.facts\.ideal\.zh: the reference reply \(zh\) raises blame_shift/
				),
				expect.stringMatching(/^states\.facts\.on\.\d: the reference reply \(zh\) goes to/)
			])
		);
	});
});
