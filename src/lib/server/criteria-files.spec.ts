import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../engine/source';
import { CATALOGUE_FILE, loadCatalogue } from './criteria-files';
import { checkRubrics } from './rubric-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-catalogue-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const original = fs.readFileSync(CATALOGUE_FILE, 'utf8');
const rubrics = checkRubrics().rubrics.map((r) => r.rubric);
const file = path.join(dir, 'catalogue.yaml');

/** The problems of the real catalogue after `edit`, checked against the project's rubrics. */
function problemsAfter(edit: (text: string) => string): string[] {
	fs.writeFileSync(file, edit(original));
	const loaded = loadCatalogue(file, rubrics);
	return loaded.ok ? [] : loaded.problems.map(formatProblem);
}
/** The 1-based line and column where `needle` first occurs in `text`, after `from`. */
function where(text: string, needle: string, from = 0): string {
	const offset = text.indexOf(needle, from);
	if (offset < 0) throw new Error(`no ${needle}`);
	const before = text.slice(0, offset).split('\n');
	return `${before.length}:${before.at(-1)!.length + 1}`;
}
const once = (from: string, to: string) => (text: string) => {
	if (!text.includes(from)) throw new Error(`the catalogue has no ${from}`);
	return text.replace(from, () => to);
};

describe('the criteria catalogue file', () => {
	it('loads the real catalogue cleanly, checked against the rubric', () => {
		const loaded = loadCatalogue(CATALOGUE_FILE, rubrics);
		expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
		expect(loaded.ok && loaded.catalogue.clauses.map((c) => c.code)).toEqual(
			expect.arrayContaining(['R-01', 'P-01', 'P-02'])
		);
	});

	it('refuses two clauses with one code, located at the second', () => {
		const text = once('code: R-04', 'code: R-01')(original);
		const second = text.indexOf('code: R-01', text.indexOf('code: R-01') + 1);
		expect(problemsAfter(() => text)).toEqual([
			`${file}:${where(text, 'R-01', second)} clauses[5].code: duplicate clause code "R-01" (also clauses[0] on line ${where(text, 'R-01').split(':')[0]})`
		]);
	});

	it('checks the violations a trigger names against the rubric', () => {
		const text = once('violations: [disrespect]', 'violations: [disrespectful, slang]')(original);
		expect(problemsAfter(() => text)).toEqual([
			`${file}:${where(text, 'disrespectful, slang')} clauses[3].trigger.violations[0]: no rubric has the violation "disrespectful" (rubrics: "complaint-handling")`,
			`${file}:${where(text, 'slang]')} clauses[3].trigger.violations[1]: violation "slang" is minor in rubric "complaint-handling": this trigger counts critical violations`
		]);
	});

	it('refuses blank team names and an empty team list', () => {
		const blank = once('    capPerMonth: 2\n', "    capPerMonth: 2\n    teams: ['  ']\n")(original);
		expect(problemsAfter(() => blank)).toEqual([
			`${file}:${where(blank, "'  '")} clauses[1].teams[0]: a team name cannot be blank`
		]);
		const empty = once('    capPerMonth: 2\n', '    capPerMonth: 2\n    teams: []\n')(original);
		expect(problemsAfter(() => empty)).toEqual([
			`${file}:${where(empty, '[]')} clauses[1].teams: an empty team list applies the clause to nobody: leave teams out for every team`
		]);
	});

	it('refuses dates it cannot read, and an end before the start', () => {
		const dates = once(
			'    capPerMonth: 2\n',
			'    capPerMonth: 2\n    effectiveFrom: next week\n'
		)(original);
		expect(problemsAfter(() => dates)).toEqual([
			`${file}:${where(dates, 'next week')} clauses[1].effectiveFrom: "next week" is not a date: write 2026-12-01 or 2026-12-01T08:00:00+08:00`
		]);
		const order = once(
			'    capPerMonth: 2\n',
			'    capPerMonth: 2\n    effectiveFrom: 2027-02-01\n    effectiveTo: 2027-01-01\n'
		)(original);
		expect(problemsAfter(() => order)).toEqual([
			`${file}:${where(order, '2027-01-01')} clauses[1].effectiveTo: effectiveTo must be after effectiveFrom`
		]);
	});

	it('refuses a kind that contradicts the code or the trigger', () => {
		const text = once('code: R-02\n    kind: reward', 'code: R-02\n    kind: penalty')(original);
		expect(problemsAfter(() => text)).toEqual([
			`${file}:${where(text, 'penalty', text.indexOf('code: R-02'))} clauses[1].kind: a clause coded R-02 is a reward`,
			`${file}:${where(text, 'certification_improvement')} clauses[1].trigger.type: a penalty cannot have the trigger certification_improvement: penalties come only from critical violations`
		]);
	});

	it('locates schema problems, unknown aliases and alias bombs', () => {
		expect(problemsAfter(once('points: 20', 'points: twenty'))).toEqual([
			expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+ clauses\\[0\\]\\.points: `))
		]);
		const alias = once('capPerMonth: 3', 'capPerMonth: *cap');
		expect(problemsAfter(alias)).toEqual([
			expect.stringMatching(new RegExp(`^${file}:\\d+:18: unknown alias \\*cap`))
		]);
		const levels = Array.from({ length: 8 }, (_, i) =>
			i === 0
				? '  - &l0 [x, x, x, x, x, x, x, x, x, x]'
				: `  - &l${i} [${Array(10).fill(`*l${i - 1}`)}]`
		);
		const bomb = (text: string) => `${text}\nbomb:\n${levels.join('\n')}\n`;
		expect(problemsAfter(bomb)).toEqual([
			expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+: aliases expand to more than`))
		]);
	});

	it('locates a file it cannot read', () => {
		const loaded = loadCatalogue(path.join(dir, 'missing.yaml'));
		expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([
			`${path.join(dir, 'missing.yaml')}:1:1: cannot read the file (ENOENT)`
		]);
	});
});
