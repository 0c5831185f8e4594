import { describe, expect, it } from 'vitest';
import { formatProblem } from '../source';
import { lintScenario } from './lint';
import { loadScenario } from './load';
import { compileScenario } from './scenario.machine';

const valid = `key: tiny
version: 1
title: { zh: 小场景, en: Tiny }
category: other
difficulty: 1
cases: [C2]
persona:
  name: { zh: 李先生, en: Mr Li }
  temperament: calm
  mood: 50
briefing: { zh: 排队两小时。, en: A two-hour queue. }
rubric: complaint-handling
maxTurns: 4
start: opening
guards:
  kind: { dimension: empathy, atLeast: 0.5 }
states:
  opening:
    customer: { zh: 排了两个小时！, en: Two hours in the queue! }
    ideal: { zh: 非常抱歉让您久等。, en: I am so sorry you had to wait. }
    on:
      - guard: kind
        to: calming
      - guard: { violation: brush_off }
        to: angry
      - otherwise: true
        to: angry
  calming:
    customer: { zh: 那你们打算怎么办？, en: So what will you do about it? }
    ideal: { zh: 我今天就登记并回复您。, en: I will log it today and call you back. }
    on:
      - guard: { all: [{ dimension: solution, atLeast: 0.5 }, { dimension: commitment, atLeast: 0.5 }] }
        to: done
      - otherwise: true
        to: angry
  done:
    outcome: resolved
    text: { zh: 客户满意。, en: The customer is satisfied. }
  angry:
    outcome: escalated_supervisor
    text: { zh: 客户要求找主管。, en: The customer asks for a supervisor. }
`;

const file = 'scenarios/tiny.yaml';
const problemsOf = (text: string) => {
	const result = loadScenario(file, text);
	return result.ok ? [] : result.problems.map(formatProblem);
};
const lintOf = (text: string) => {
	const result = loadScenario(file, text);
	if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
	return lintScenario(compileScenario(result.scenario)).problems;
};

describe('scenario files', () => {
	it('accepts the valid file and reports its paths', () => {
		expect(problemsOf(valid)).toEqual([]);
		const report = lintScenario(
			compileScenario((loadScenario(file, valid) as { ok: true; scenario: never }).scenario)
		);
		expect(report.problems).toEqual([]);
		expect(report.paths.find((p) => p.outcome === 'resolved')?.replies).toHaveLength(2);
	});

	it('locates bad YAML', () => {
		const broken = valid.replace('difficulty: 1', 'difficulty: [1');
		expect(problemsOf(broken)).toEqual([
			'scenarios/tiny.yaml:6:1: Flow sequence in block collection must be sufficiently indented and end with a ]'
		]);
	});

	it('locates an unknown guard at the guard, with its path', () => {
		const broken = valid.replace('      - guard: kind\n', '      - guard: hasTagg\n');
		expect(problemsOf(broken)).toEqual([
			'scenarios/tiny.yaml:22:16 states.opening.on[0].guard: unknown guard "hasTagg"'
		]);
		const inline = valid.replace('{ violation: brush_off }', '{ hasTagg: brush_off }');
		expect(problemsOf(inline)).toEqual([
			'scenarios/tiny.yaml:24:16 states.opening.on[1].guard: unknown guard "hasTagg"'
		]);
	});

	it('requires otherwise as the last transition', () => {
		const broken = valid.replace(
			'      - otherwise: true\n        to: angry\n  calming:',
			'  calming:'
		);
		expect(problemsOf(broken)).toEqual([
			'scenarios/tiny.yaml:22:7 states.opening.on: missing otherwise: the last transition must be { otherwise: true, to: … }'
		]);
	});

	it('finds an unreachable state', () => {
		const broken = valid.replace('        to: calming\n', '        to: done\n');
		expect(lintOf(broken)).toEqual([
			{
				path: ['states', 'calming'],
				message: 'unreachable state: no transition leads to "calming"'
			}
		]);
		const located = loadScenario(file, broken);
		expect(located.ok).toBe(true);
	});

	it('names a missing translation', () => {
		const broken = valid.replace(
			'ideal: { zh: 非常抱歉让您久等。, en: I am so sorry you had to wait. }',
			'ideal: { zh: 非常抱歉让您久等。 }'
		);
		expect(problemsOf(broken)).toEqual([
			'scenarios/tiny.yaml:20:12 states.opening.ideal.en: missing translation'
		]);
	});

	it('refuses a duplicate key', () => {
		const broken = valid.replace('difficulty: 1\n', 'difficulty: 1\ndifficulty: 2\n');
		expect(problemsOf(broken)).toEqual(['scenarios/tiny.yaml:6:1: duplicate key']);
	});

	it('names unknown fields, states and enum values', () => {
		expect(problemsOf(valid.replace('category: other', 'category: gossip'))[0]).toMatch(
			/^scenarios\/tiny\.yaml:4:11 category: category must be one of rude_call, /
		);
		expect(problemsOf(valid.replace('        to: calming', '        to: calmign'))).toEqual([
			'scenarios/tiny.yaml:23:13 states.opening.on[0].to: unknown state "calmign"'
		]);
		expect(
			problemsOf(
				valid.replace('rubric: complaint-handling', 'rubric: complaint-handling\ncolour: blue')
			)
		).toEqual(['scenarios/tiny.yaml:13:1 colour: unknown field "colour"']);
	});

	it('checks guard ids against the rubric when it is known', () => {
		const ids = { dimensions: ['empathy', 'solution'], violations: ['brush_off'] };
		const result = loadScenario(file, valid, ids);
		expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
			'scenarios/tiny.yaml:32:16 states.calming.on[0].guard: rubric "complaint-handling" has no dimension "commitment"'
		]);
	});

	it('flags a path longer than maxTurns and text in the wrong language', () => {
		expect(lintOf(valid.replace('maxTurns: 4', 'maxTurns: 1'))).toContainEqual({
			path: ['maxTurns'],
			message: 'the path opening → calming → done takes 2 replies, more than maxTurns (1)'
		});
		expect(
			lintOf(valid.replace('title: { zh: 小场景, en: Tiny }', 'title: { zh: Tiny, en: Tiny }'))
		).toEqual([{ path: ['title', 'zh'], message: 'the Chinese text has no Chinese characters' }]);
	});
});
