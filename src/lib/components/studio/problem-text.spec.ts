import fs from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/load';
import { problemText, toChinese } from './problem-text';

/** Every file whose strings can reach a trainer as a located problem. */
const SOURCES = [
	'src/lib/engine/source.ts',
	'src/lib/engine/scenario/schema.ts',
	'src/lib/engine/scenario/load.ts',
	'src/lib/engine/scenario/guards.ts',
	'src/lib/engine/scenario/lint.ts',
	'src/lib/engine/scenario/references.ts',
	'src/lib/server/scenario-files.ts',
	'src/lib/server/content.ts'
];

/** Strings of those files that are not messages: joiners, sample-reply labels, the CLI's formats. */
const NOT_MESSAGES = new Set([
	', ',
	' → ',
	'" … "',
	' ${}',
	'${}:${}:${}${}: ${}',
	'content files have ${} problem(s):\n${}',
	'strong reply',
	'empty reply',
	'middling reply',
	'strong reply with ${}',
	'weak reply with ${}',
	'only ${}',
	'all but ${}',
	'score ${}'
]);

/** The string literals and templates (`${}` for each placeholder) of a file that contain a space. */
function literals(file: string): string[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const out: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node)) return;
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
		else if (ts.isTemplateExpression(node))
			out.push(node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join(''));
		ts.forEachChild(node, visit);
	};
	visit(source);
	return out.filter((s) => s.includes(' '));
}

/** Chinese, with no English phrase (two English words in a row) left over. */
const isChinese = (text: string | null) =>
	text !== null && /\p{Script=Han}/u.test(text) && !/[A-Za-z]+ [A-Za-z]+/.test(text);

/** A literal is covered when it, or the message it is a part of, reads in Chinese. */
function covered(literal: string): boolean {
	const sample = literal.replaceAll('${}', 'x');
	return [
		sample,
		`expected ${sample}`,
		`${sample} must be text`,
		`the reference reply (zh) ${sample}`
	].some((message) => isChinese(toChinese(message)));
}

describe('problem messages in Chinese', () => {
	it.each(SOURCES)('every message template of %s has a translation', (file) => {
		const found = literals(file).filter((l) => !NOT_MESSAGES.has(l));
		expect(found.length).toBeGreaterThan(0);
		expect(found.filter((l) => !covered(l))).toEqual([]);
	});

	it('fills in the parameters', () => {
		expect(toChinese('unknown state "nowhere"')).toBe('未知状态 "nowhere"');
		expect(toChinese('rubric "complaint-handling" has no dimension "charm"')).toBe(
			'评分标准 "complaint-handling" 中没有维度 "charm"'
		);
		expect(toChinese('the reference reply (en) does not show apology, empathy')).toBe(
			'参考回复（英文）没有体现 apology, empathy'
		);
	});

	it('translates what a broken scenario really reports, valibot’s own messages included', () => {
		const text = fs
			.readFileSync('scenarios/templates/billing-error.yaml', 'utf8')
			.replace('mood: 40', 'mood: 40.5')
			.replace('difficulty: 1', 'difficulty: 0')
			.replace('cases: [C5]', 'cases: [5]')
			.replace('        to: refund', '        to: nowhere');
		const loaded = loadScenario('x.yaml', text);
		if (loaded.ok) throw new Error('expected problems');
		expect(loaded.problems.length).toBeGreaterThanOrEqual(3);
		for (const p of loaded.problems) expect(isChinese(problemText(p, 'zh-CN'))).toBe(true);
	});

	it('keeps English for English readers, and leads an unknown syntax error in Chinese', () => {
		expect(problemText({ message: 'duplicate key', path: '' }, 'en')).toBe('duplicate key');
		expect(problemText({ message: 'Unexpected thing', path: '' }, 'zh-CN')).toBe(
			'YAML 格式有误：Unexpected thing'
		);
	});
});
