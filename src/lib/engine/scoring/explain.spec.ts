import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load';
import { formatProblem } from '../source';
import { assessReply } from './assess';
import { compileAuthority } from './authority';
import { assessAndExplain, type CriterionExplanation, type Explanation } from './explain';
import { loadRubric, type CompiledRubric } from './rubric';

const file = 'scenarios/rubrics/complaint-handling.yaml';
const modelFile = 'scenarios/rubrics/complaint-handling.model.json';
const load = (withModel: boolean): CompiledRubric => {
	const model = withModel
		? { file: modelFile, text: fs.readFileSync(modelFile, 'utf8') }
		: undefined;
	const loaded = loadRubric(file, fs.readFileSync(file, 'utf8'), model);
	if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
	return loaded.rubric;
};
const rubric = load(true);
const rulesOnly = load(false);

const missed = loadScenario(
	'scenarios/missed-appointment.yaml',
	fs.readFileSync('scenarios/missed-appointment.yaml', 'utf8')
);
if (!missed.ok) throw new Error('missed-appointment.yaml does not load');
const authority = compileAuthority(missed.scenario.authority);

const criterion = (x: Explanation, id: string): CriterionExplanation => {
	const c = x.criteria.find((k) => k.id === id);
	if (!c) throw new Error(`no criterion ${id}`);
	return c;
};
const en = (c: CriterionExplanation) => c.reasons.map((r) => r.en).join('\n');
const zh = (c: CriterionExplanation) => c.reasons.map((r) => r.zh).join('\n');

const RUDE = 'You people are idiots, read the manual yourself.';
const OFFER = "I'm sorry, I will send you a free deodoriser set today as an apology.";

describe('explain: every criterion, from the scorer itself', () => {
	it('leaves the assessment exactly as assessReply gives it', () => {
		const replies = [
			RUDE,
			OFFER,
			'您好，这不是我们的问题，你自己看说明书吧',
			"This is not another department's problem; I'll handle it and call you by 5 pm.",
			'您好 抱歉 理解 我来负责 今天下午五点前 按照规定 对吗'
		];
		for (const text of replies)
			for (const context of [{ turn: 1 }, { turn: 2, authority }]) {
				const { assessment } = assessAndExplain(text, { rubric, ...context });
				expect(assessment, text).toEqual(assessReply(text, { rubric, ...context }));
			}
	});

	it('explains each dimension and violation of the rubric, in both languages', () => {
		const { explanation } = assessAndExplain(OFFER, { rubric, turn: 2 });
		expect(explanation.criteria.map((c) => c.id)).toEqual([
			...rubric.dimensions.map((d) => d.id),
			...rubric.violations.map((v) => v.id)
		]);
		for (const c of explanation.criteria) {
			expect(c.reasons.length, c.id).toBeGreaterThan(0);
			for (const r of c.reasons) {
				expect(r.en).toMatch(/[a-z]/);
				expect(r.zh).toMatch(/\p{Script=Han}/u);
			}
		}
	});

	it('says what raised disrespect in a rude reply, how sure it is and what it costs', () => {
		const { assessment, explanation } = assessAndExplain(RUDE, { rubric, turn: 2 });
		const disrespect = criterion(explanation, 'disrespect');
		expect(disrespect.verdict).toBe('raised');
		expect(disrespect.counts).toBe(true);
		expect(en(disrespect)).toMatch(/^The rules found “You people are idiots”, “You people”/);
		expect(en(disrespect)).toContain('A decisive rule found it');
		expect(en(disrespect)).toMatch(
			/Confidence 1\.00 is at or above the threshold 0\.50: it counts/
		);
		expect(en(disrespect)).toContain("the reply's score is capped at 20");
		expect(zh(disrespect)).toContain('规则找到了“You people are idiots”');
		expect(disrespect.evidence.map((e) => e.text)).toContain('You people');
		expect(assessment.score).toBeLessThanOrEqual(20);
		// A problem it does not have: nothing found, and the learned scorer below its threshold.
		const slang = criterion(explanation, 'slang');
		expect(slang.verdict).toBe('not_raised');
		expect(en(slang)).toContain('Nothing in the reply matches it.');
		expect(en(slang)).toMatch(
			/The learned scorer's confidence 0\.\d\d is below its threshold 0\.30\./
		);
	});

	it('says an offer the scenario allows is not beyond authority, and raises it where it is not allowed', () => {
		const allowed = assessAndExplain(OFFER, { rubric, turn: 2, authority });
		const promise = criterion(allowed.explanation, 'unauthorized_promise');
		expect(promise.verdict).toBe('not_raised');
		expect(en(promise)).toContain(
			'“a free deodoriser” names an offer this scenario allows (The fridge deodoriser set for a visit more than 15 minutes late): not beyond authority.'
		);
		expect(en(promise)).toContain('The learned scorer may not overrule the scenario on it.');
		expect(zh(promise)).toContain('不算越权');
		expect(promise.setAside.map((s) => s.text)).toEqual(['a free deodoriser']);

		const alone = assessAndExplain(OFFER, { rubric, turn: 2 });
		const raised = criterion(alone.explanation, 'unauthorized_promise');
		expect(raised.verdict).toBe('raised');
		expect(en(raised)).toContain('The rules found “a free deodoriser”');
		// Its credit for listening is voided by the promise; a reply without one keeps it.
		expect(alone.assessment.score).toBeLessThan(allowed.assessment.score);
	});

	it('says a rule matched but was negated, and a violation was ruled out by a dimension shown', () => {
		const text = "This is not another department's problem; I'll handle it and call you by 5 pm.";
		const { explanation } = assessAndExplain(text, { rubric, turn: 2 });
		const blame = criterion(explanation, 'blame_shift');
		expect(blame.verdict).toBe('not_raised');
		expect(en(blame)).toContain('A rule matched “another department”, but it was negated.');
		expect(en(blame)).toContain(
			'What the rules set aside, the learned scorer may not credit either.'
		);
		expect(en(criterion(explanation, 'brush_off'))).toContain(
			'Not looked for: the reply shows “Solution”, which rules this problem out.'
		);
		const commitment = criterion(explanation, 'commitment');
		expect(commitment.verdict).toBe('shown');
		expect(en(commitment)).toContain('A decisive rule found it');
	});

	it('says which dimensions are not needed in the state, and which a violation voided', () => {
		const { explanation } = assessAndExplain(
			'您好，那是快递公司的问题，不过我明天上午九点派师傅上门给您修。',
			{
				rubric,
				turn: 2
			}
		);
		const greeting = criterion(explanation, 'greeting');
		expect(greeting.verdict).toBe('shown');
		expect(greeting.counts).toBe(false);
		expect(en(greeting)).toContain('Not needed in this state');
		const voided = explanation.criteria.filter((c) =>
			en(c).includes('Voided by “Shifting the blame”')
		);
		expect(voided.length).toBeGreaterThan(0);
		for (const c of voided) expect(c.verdict).toBe('not_shown');
	});

	it('says when the combined confidence is below the threshold although a rule matched', () => {
		const { explanation } = assessAndExplain("I'm sorry you feel that way.", { rubric, turn: 1 });
		const apology = criterion(explanation, 'apology');
		expect(apology.verdict).toBe('not_shown');
		expect(en(apology)).toContain(
			'A rule matched “sorry”, but the words around it are an exception the rubric names.'
		);
		const empathy = criterion(explanation, 'empathy');
		expect(en(empathy)).toMatch(/confidence 0\.\d\d is below its threshold 0\.50/);
	});

	it('names a possible problem between the thresholds, and a run of keywords', () => {
		const keywords = assessAndExplain('您好 抱歉 理解 我来负责 今天下午五点前 按照规定 对吗', {
			rubric,
			turn: 1
		});
		expect(keywords.explanation.keywords?.en).toContain('run of keywords');
		expect(keywords.assessment.score).toBeLessThanOrEqual(30);

		const casual = assessAndExplain('行吧，那你想怎么样嘛', { rubric, turn: 2 });
		const slang = criterion(casual.explanation, 'slang');
		expect(slang.verdict).toBe('possible');
		expect(slang.counts).toBe(false);
		expect(en(slang)).toMatch(
			/Confidence 0\.\d\d is between 0\.30 and 0\.50: a possible problem for a person to check/
		);

		const empty = assessAndExplain('   ', { rubric, turn: 1 });
		expect(empty.explanation.criteria.every((c) => c.reasons[0].en === 'The reply is empty.')).toBe(
			true
		);
	});

	it('without a learned scorer, says the rules alone decide and quotes no confidence', () => {
		const { explanation } = assessAndExplain(RUDE, { rubric: rulesOnly, turn: 2 });
		expect(explanation.model).toBe(false);
		const disrespect = criterion(explanation, 'disrespect');
		expect(disrespect.verdict).toBe('raised');
		expect(en(disrespect)).not.toMatch(/onfidence/);
		expect(en(criterion(explanation, 'slang'))).toBe('Nothing in the reply matches it.');
	});
});
