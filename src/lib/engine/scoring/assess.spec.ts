import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../source';
import {
	assessReply,
	MAX_REPLY_LENGTH,
	ReplyTooLongError,
	SHOWN,
	toGuardAssessment
} from './assess';
import { loadRubric, type CompiledRubric } from './rubric';

const file = 'scenarios/rubrics/complaint-handling.yaml';
const source = fs.readFileSync(file, 'utf8');
const loaded = loadRubric(file, source);
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const rubric: CompiledRubric = loaded.rubric;

const assess = (text: string) => assessReply(text, { rubric });
const violations = (text: string) => assess(text).violations.map((v) => v.id);
const shown = (text: string) =>
	Object.entries(assess(text).dimensions)
		.filter(([, d]) => d.score >= SHOWN)
		.map(([id]) => id);

describe('assessReply: the contract', () => {
	it('returns a score, the language, every dimension and the violations, each with evidence', () => {
		const text =
			'Hello, this is Lin. I am so sorry your TV is late; I will call you back by 5 pm today.';
		const a = assess(text);
		expect(Number.isInteger(a.score)).toBe(true);
		expect(a.score).toBeGreaterThan(0);
		expect(a.score).toBeLessThanOrEqual(100);
		expect(a.lang).toBe('en');
		expect(Object.keys(a.dimensions).sort()).toEqual(
			['apology', 'commitment', 'compliance', 'empathy', 'greeting', 'listening', 'solution'].sort()
		);
		expect(a.dimensions.commitment.evidence.map((e) => e.text)).toEqual(
			expect.arrayContaining(['by 5 pm', 'today'])
		);
		expect(a.violations).toEqual([]);
	});

	it('points every piece of evidence at the original text, traditional and full-width included', () => {
		const texts = [
			'您好，非常抱歉讓您久等了。我今天下午五點前給您回電！',
			'ＳＯＲＲＹ for the wait — I’ll call you back by 3pm.',
			'You said "we’ll pass it on" was all you heard; that is not good enough, and I apologise.',
			'我負責跟進，48小時內給您答覆。'
		];
		for (const text of texts) {
			const a = assess(text);
			const evidence = [
				...Object.values(a.dimensions).flatMap((d) => d.evidence),
				...a.violations.flatMap((v) => v.evidence)
			];
			expect(evidence.length, text).toBeGreaterThan(0);
			for (const e of evidence) {
				expect(text.slice(e.start, e.end)).toBe(e.text);
				expect(e.rule).toBeTruthy();
			}
		}
		expect(assess('非常抱歉讓您久等了').dimensions.apology.evidence[0].text).toBe('抱歉');
		expect(assess('ＳＯＲＲＹ').dimensions.apology.score).toBe(1);
	});

	it('scores traditional and simplified Chinese alike', () => {
		const t = assess(
			'您好，這不是您的責任，是我們的問題，非常抱歉。我會安排師傅明天上午上門，今天下午五點前親自回電。'
		);
		const s = assess(
			'您好，这不是您的责任，是我们的问题，非常抱歉。我会安排师傅明天上午上门，今天下午五点前亲自回电。'
		);
		expect(t.score).toBe(s.score);
		expect(t.violations).toEqual([]);
		expect(toGuardAssessment(t)).toEqual(toGuardAssessment(s));
	});

	it('caps the score for a critical violation and takes points off for a minor one', () => {
		const good =
			'Hello, I am so sorry, I understand how frustrating this is. I will send a technician tomorrow and call you by 5 pm today.';
		const rude = `${good} Honestly, calm down.`;
		expect(assess(good).score).toBeGreaterThan(60);
		expect(violations(rude)).toContain('disrespect');
		expect(assess(rude).score).toBeLessThanOrEqual(20);
		const slangy = `${good} Um, yeah.`;
		expect(violations(slangy)).toEqual(['slang']);
		expect(assess(slangy).score).toBe(assess(good).score - 5);
	});

	it('gives the guards numbers and ids only', () => {
		const g = toGuardAssessment(assess('So what do you want us to do?'));
		expect(g.violations).toEqual([{ id: 'ask_customer_to_decide', severity: 'critical' }]);
		expect(Object.values(g.dimensions).every((d) => typeof d === 'number')).toBe(true);
	});
});

describe('assessReply: what detection understands', () => {
	it('reads negation and ownership: mentioning another department while owning it is not blame', () => {
		expect(violations("That's another department's problem, call them.")).toContain('blame_shift');
		expect(
			violations("This is not another department's problem, I'll handle it myself.")
		).not.toContain('blame_shift');
		expect(
			violations("I've contacted the delivery team myself and I'll call you by 3 pm.")
		).toEqual([]);
		expect(violations('这是您的责任。')).toEqual(
			expect.arrayContaining(['blame_shift', 'disrespect'])
		);
		expect(violations('这不是您的责任，是我们的问题。')).toEqual([]);
		expect(violations('这不是师傅个人的事，是我们公司的责任，我来负责跟进。')).toEqual([]);
	});

	it('does not count quoted words as the agent’s own', () => {
		expect(
			violations('You were told "that\'s not our problem" and that was wrong; I\'m sorry.')
		).toEqual([]);
		expect(
			violations("The agent said, 'You must have misread it.' That was wrong, and I apologise.")
		).toEqual([]);
		expect(
			violations('之前有同事跟您说“这是厂家的事，您自己找厂家”，这个说法是错的，向您道歉。')
		).toEqual([]);
	});

	it('tells a fair-outcome question from handing the decision back', () => {
		expect(violations('So what do you want us to do about it?')).toEqual([
			'ask_customer_to_decide'
		]);
		expect(violations('那您说怎么办？')).toEqual(['ask_customer_to_decide']);
		expect(violations('What outcome would you consider fair?')).toEqual([]);
		expect(violations('您觉得怎样处理比较合理？')).toEqual([]);
		expect(violations('Would you prefer a refund or an exchange?')).toEqual([]);
	});

	it('finds polite but empty replies, and not ones with an owner and a time', () => {
		expect(
			violations(
				'Thank you for your valuable feedback, we will pass it on to the relevant department.'
			)
		).toEqual(['brush_off']);
		expect(violations('非常感谢您的宝贵意见，我们会反馈给相关部门的。')).toEqual(['brush_off']);
		expect(
			violations("I'll pass it on to the delivery team myself and call you back by 5 pm today.")
		).toEqual([]);
		expect(assess('Thanks, we will pass it on.').score).toBeLessThanOrEqual(30);
	});

	it('recognises a commitment only with ownership and a time', () => {
		expect(shown('我负责跟进，48小时内给您答复。')).toContain('commitment');
		expect(shown('I will call you back before 5 pm today.')).toContain('commitment');
		expect(shown('Delivery usually takes three days.')).not.toContain('commitment');
		expect(shown('I will look after it.')).not.toContain('commitment');
	});

	it('flags promises beyond authority but not a request for approval', () => {
		expect(violations("I'll give you ¥500 for the trouble.")).toContain('unauthorized_promise');
		expect(violations('我直接给您赔500元。')).toContain('unauthorized_promise');
		expect(
			violations(
				"I'll submit a compensation request to my supervisor for approval and call you by Friday."
			)
		).toEqual([]);
	});

	it('handles empty, oversized, mixed-language, emoji and control characters', () => {
		expect(assess('')).toMatchObject({ score: 0, empty: true, violations: [] });
		expect(assess('   \n\t ')).toMatchObject({ score: 0, empty: true });
		expect(() => assess('好'.repeat(MAX_REPLY_LENGTH + 1))).toThrow(ReplyTooLongError);
		expect(() => assess('a'.repeat(MAX_REPLY_LENGTH))).not.toThrow();
		const mixed = assess('您好😊 sorry\u0007\u0000 我马上安排师傅上门，OK？');
		expect(mixed.lang).toBe('zh');
		expect(mixed.dimensions.apology.score).toBe(1);
		expect(assessReply('Hello', { rubric, lang: 'zh' }).lang).toBe('zh');
	});
});

describe('rubric files', () => {
	const problems = (text: string) => {
		const result = loadRubric(file, text);
		return result.ok ? [] : result.problems.map(formatProblem);
	};

	it('locates an unknown detector type', () => {
		const broken = source.replace('      - type: time\n', '      - type: telepathy\n');
		const found = problems(broken);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(
			/^scenarios\/rubrics\/complaint-handling\.yaml:\d+:\d+ dimensions\[\d\]\.detectors\[\d\](?:\.of\[\d\])?\.type: unknown detector type "telepathy": use phrases, patterns, time, cues, examples or all$/
		);
	});

	it('locates a bad pattern and names its path', () => {
		const broken = source.replace("'您好(?!像|心|意)'", "'您好(?!像'");
		const found = problems(broken);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(
			/^scenarios\/rubrics\/complaint-handling\.yaml:\d+:\d+ dimensions\[0\]\.detectors\[1\]\.zh\[0\]: bad pattern: /
		);
	});

	it('refuses and locates a pattern with catastrophic backtracking', () => {
		const broken = source.replace("'您好(?!像|心|意)'", () => "'^(a+)+$'");
		const found = problems(broken);
		expect(found).toEqual([
			expect.stringMatching(
				/^scenarios\/rubrics\/complaint-handling\.yaml:\d+:\d+ dimensions\[0\]\.detectors\[1\]\.zh\[0\]: slow pattern: catastrophic backtracking: /
			)
		]);
		const inCue = source.replace(
			"patterns: ['(?:是|要)[^,.!?]{1,12}还是']",
			"patterns: ['(?:是|要)[^,.!?]{1,12}还是', '(?:\\p{Script=Han}|还)+吗']"
		);
		expect(problems(inCue)).toEqual([
			expect.stringMatching(/:\d+:\d+ cues\.\w+\.patterns\[1\]: slow pattern: /)
		]);
	});

	it('requires a cap on critical violations and known cue lists', () => {
		expect(problems(source.replace('    cap: 40\n', ''))[0]).toMatch(
			/violations\[0\]: a critical violation needs its cap$/
		);
		expect(problems(source.replace('unlessNear: [owning]', 'unlessNear: [owing]'))[0]).toMatch(
			/unlessNear\[0\]: unknown cue list "owing"$/
		);
	});
});
