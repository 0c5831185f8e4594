import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../source';
import { assessReply, attemptScore, SHOWN } from './assess';
import { compileAuthority } from './authority';
import { normalize } from './normalize';
import { loadRubric } from './rubric';
import { findTimes } from './time';

const file = 'scenarios/rubrics/complaint-handling.yaml';
const loaded = loadRubric(file, fs.readFileSync(file, 'utf8'));
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const rubric = loaded.rubric;

const times = (text: string) =>
	findTimes(normalize(text)).map((t) => ({
		text: text.slice(t.start, t.end),
		past: t.past
	}));

describe('times', () => {
	it.each([
		['师傅11点30分之前一定到', '11点30分之前'],
		['11:30', '11:30'],
		['十一点半到', '十一点半'],
		['11点半到您家', '11点半'],
		['I will be there by half past eleven', 'by half past eleven'],
		["I'll have an answer within the hour", 'within the hour'],
		['半小时内给您回电', '半小时内'],
		['明早八点师傅上门', '明早八点'],
		['十点四十到', '十点四十']
	])('finds "%s" as a promised time', (text, expected) => {
		expect(times(text)).toContainEqual({ text: expected, past: false });
	});

	it.each([
		['您11月8日装的空调', '11月8日'],
		['you bought the 65-inch TV on 28 October, is that right?', '28 October'],
		['It was delivered on 8 November.', '8 November']
	])('marks the past date in "%s" as past', (text, expected) => {
		expect(times(text)).toContainEqual({ text: expected, past: true });
	});

	it('does not credit a date told back, or asked about, as a commitment', () => {
		const a = assessReply('您11月8日装的空调，加长管按铜管收了380元，对吗？', { rubric });
		expect(a.dimensions.commitment.score).toBeLessThan(SHOWN);
		const b = assessReply("I'll call you back at 11:30.", { rubric });
		expect(b.dimensions.commitment.score).toBeGreaterThanOrEqual(SHOWN);
		expect(b.dimensions.commitment.evidence.map((e) => e.reason.en)).toContain(
			'gave a time: at 11:30'
		);
	});
});

describe('expectations', () => {
	const opening =
		"Good afternoon Mr Zheng, this is Lin. I'm sorry you've had to call three times; I'd be frustrated too.";

	it('judges a reply only on what its state expects; the rest is "not needed here"', () => {
		const calm = assessReply(opening, { rubric, expects: ['greeting', 'empathy', 'apology'] });
		expect(calm.score).toBe(100);
		expect(calm.dimensions.solution).toMatchObject({ expected: false });
		const everything = assessReply(opening, {
			rubric,
			expects: rubric.dimensions.map((d) => d.id)
		});
		expect(everything.score).toBeLessThan(60);
	});

	it('defaults to the rubric: greeting on the first reply, action later', () => {
		expect(assessReply(opening, { rubric, turn: 1 }).expects).toEqual(rubric.expects.first);
		expect(assessReply(opening, { rubric, turn: 3 }).expects).toEqual(rubric.expects.later);
		expect(rubric.expects.later).not.toContain('greeting');
	});

	it('tips the weightiest expected dimension that is missing', () => {
		const a = assessReply("I'm sorry about that.", { rubric, expects: ['apology', 'solution'] });
		expect(a.tip).toBe('solution');
		expect(assessReply(opening, { rubric, expects: ['greeting'] }).tip).toBeNull();
	});
});

describe('authority', () => {
	const authority = compileAuthority([
		{
			label: { zh: '冰箱除味剂', en: 'deodoriser set' },
			zh: ['冰箱除味剂'],
			en: ['deodoriser']
		}
	]);

	it('does not call a promise of what the scenario allows beyond authority, and still catches the rest', () => {
		const allowed = 'For the wait, we will give you a fridge deodoriser set.';
		expect(assessReply(allowed, { rubric }).violations.map((v) => v.id)).toContain(
			'unauthorized_promise'
		);
		expect(assessReply(allowed, { rubric, authority }).violations).toEqual([]);
		const beyond = "I'll give you 500 yuan cash for your trouble right now.";
		expect(assessReply(beyond, { rubric, authority }).violations.map((v) => v.id)).toContain(
			'unauthorized_promise'
		);
	});
});

describe('keyword strings', () => {
	it.each([
		'您好 抱歉 理解 我来负责 今天下午五点前 按照规定 对吗',
		'Hello sorry understand I will take responsibility today 5pm policy is that right'
	])('earn no dimension credit and at most 30: %s', (text) => {
		const a = assessReply(text, { rubric, expects: rubric.dimensions.map((d) => d.id) });
		expect(a.structure).toBe('keywords');
		expect(a.score).toBeLessThanOrEqual(30);
		expect(Object.values(a.dimensions).every((d) => d.score === 0)).toBe(true);
	});

	it('leave short real replies alone', () => {
		for (const text of [
			'您好，非常抱歉，我马上处理，今天五点前给您回电。',
			'好的，明白，我来处理，您放心。'
		])
			expect(assessReply(text, { rubric }).structure).toBe('sentences');
	});
});

describe('evidence people can read', () => {
	it('gives every piece of evidence a plain reason in both languages, and trims highlights to words', () => {
		const a = assessReply(' Sorry!  The installer did it, not us. ', { rubric });
		const all = [
			...Object.values(a.dimensions).flatMap((d) => d.evidence),
			...a.violations.flatMap((v) => v.evidence)
		];
		expect(all.length).toBeGreaterThan(0);
		for (const e of all) {
			expect(e.reason.zh).toMatch(/\p{Script=Han}/u);
			expect(e.reason.en).not.toMatch(/[\\/(]|pattern|phrase|_/);
			expect(e.text).toBe(e.text.trim());
			expect(e.text).not.toMatch(/^[.,!?]|[.,!?]$/);
		}
	});
});

describe('attempt score', () => {
	it('is the mean of the replies, capped by how the conversation ended', () => {
		expect(attemptScore(285, 3, 'resolved', rubric)).toBe(95);
		expect(attemptScore(285, 3, 'escalated_public', rubric)).toBe(40);
		expect(attemptScore(285, 3, null, rubric)).toBe(95);
		expect(attemptScore(0, 0, 'resolved', rubric)).toBe(0);
	});
});
