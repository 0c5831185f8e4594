import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessReply, loadRubric } from '..';
import { formatProblem } from '../../source';
import { rubricHash } from './load';
import { decodeInt16, encodeInt16, type ModelFile } from './model';
import { trainModel, type Labelled } from './pipeline';

const RUBRIC = 'scenarios/rubrics/complaint-handling.yaml';
const MODEL = 'scenarios/rubrics/complaint-handling.model.json';
const rubricText = fs.readFileSync(RUBRIC, 'utf8');
const modelText = fs.readFileSync(MODEL, 'utf8');

const load = (text: string, file = MODEL, rubric = rubricText) => {
	const loaded = loadRubric(RUBRIC, rubric, { file, text });
	if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
	return loaded;
};

describe('loading a model', () => {
	it('joins the rules when it was trained for this rubric', () => {
		const loaded = load(modelText);
		expect(loaded.warnings).toEqual([]);
		expect(loaded.rubric.model?.labels).toContain('disrespect');
	});

	it('reports a corrupt file at its line and column, and the rules score alone', () => {
		// A colon lost after a key, on the second line of a pretty-printed file.
		const pretty = JSON.stringify(JSON.parse(modelText), null, 1);
		const broken = pretty.replace('"format":', '"format"');
		const loaded = load(broken);
		expect(loaded.rubric.model).toBeNull();
		expect(loaded.warnings).toHaveLength(1);
		expect(formatProblem(loaded.warnings[0])).toMatch(
			/^scenarios\/rubrics\/complaint-handling\.model\.json:2:\d+: not valid JSON/
		);
		// Still scores, with rules alone.
		const a = assessReply('您好，非常抱歉，我马上给您安排。', { rubric: loaded.rubric });
		expect(a.dimensions.apology.score).toBe(1);
		expect(a.dimensions.apology.confidence).toBe(1);
	});

	it('reports a file of the wrong shape at the field that is wrong', () => {
		const data = JSON.parse(modelText) as ModelFile;
		const wrong = JSON.stringify({ ...data, labels: 'all of them' }, null, 1);
		const loaded = load(wrong);
		expect(loaded.rubric.model).toBeNull();
		const [problem] = loaded.warnings;
		expect(problem.path).toBe('labels');
		expect(problem.line).toBe(wrong.split('\n').findIndex((l) => l.includes('"labels"')) + 1);
	});

	it('refuses a model trained for another version of the rubric, or another rubric', () => {
		const edited = rubricText.replace('version: 1', 'version: 2');
		const stale = load(modelText, MODEL, edited);
		expect(stale.rubric.model).toBeNull();
		expect(stale.warnings[0].path).toBe('rubric.hash');
		expect(stale.warnings[0].message).toMatch(/another version of the rubric/);

		const data = JSON.parse(modelText) as ModelFile;
		const other = load(JSON.stringify({ ...data, rubric: { ...data.rubric, key: 'returns' } }));
		expect(other.warnings[0].message).toBe('a model of rubric "returns", not "complaint-handling"');
	});

	it('refuses weights that do not fit the vocabulary', () => {
		const data = JSON.parse(modelText) as ModelFile;
		const short = { ...data, weights: { ...data.weights, data: data.weights.data.slice(0, 400) } };
		const loaded = load(JSON.stringify(short));
		expect(loaded.rubric.model).toBeNull();
		expect(loaded.warnings[0].path).toBe('weights.data');
	});

	it('says so when the model the rubric names is missing', () => {
		const loaded = loadRubric(RUBRIC, rubricText);
		if (!loaded.ok) throw new Error('rubric');
		expect(loaded.rubric.model).toBeNull();
		expect(formatProblem(loaded.warnings[0])).toMatch(
			/complaint-handling\.yaml:\d+:\d+ learned\.model: the model file complaint-handling\.model\.json is missing/
		);
	});
});

describe('training', () => {
	// A small corpus: three writers, replies that do and do not blame someone else.
	const lines: [string, 'zh' | 'en', 0 | 1][] = [
		['That is the courier’s fault, call them.', 'en', 1],
		['The installer did it, not us, take it up with him.', 'en', 1],
		['Not our department, ring the factory.', 'en', 1],
		['I’m sorry, I will arrange a new visit for 3 pm today.', 'en', 0],
		['I will refund the difference by Friday.', 'en', 0],
		['Thanks for calling, let me check your order number.', 'en', 0],
		['这是快递的问题，您去找他们吧。', 'zh', 1],
		['师傅是外包的，我们管不了。', 'zh', 1],
		['非常抱歉，我今天下午三点前给您回电。', 'zh', 0],
		['我马上为您安排换货。', 'zh', 0]
	];
	const items: Labelled[] = ['a', 'b', 'c'].flatMap((writer, w) =>
		lines.map(([text, lang, blame], i) => ({
			id: `${writer}-${i}`,
			lang,
			text: w === 0 ? text : `${text} ${w}`,
			writer,
			labels: { blame_shift: blame }
		}))
	);
	const loaded = loadRubric(RUBRIC, rubricText);
	if (!loaded.ok) throw new Error('rubric');
	const train = (seed: number) =>
		JSON.stringify(
			trainModel({
				rubric: loaded.rubric,
				rubricHash: rubricHash(rubricText),
				dataHash: 'd'.repeat(64),
				items,
				settings: {
					features: { chars: [1, 3], words: true, bigrams: true },
					options: { epochs: 5, rate: 0.5, l2: 1e-6, seed },
					minCount: 1,
					keep: Infinity
				}
			})
		);

	it('gives the same bytes for the same data and seed, and other bytes for another seed', () => {
		const first = train(7);
		expect(train(7)).toBe(first);
		expect(train(8)).not.toBe(first);
		const file = JSON.parse(first) as ModelFile;
		expect(file.data.writers).toEqual(['a', 'b', 'c']);
		expect(file.rubric.hash).toBe(rubricHash(rubricText));
		// The examples a finding can resemble are the labelled violations.
		expect(file.examples.every((e) => e.labels.includes('blame_shift'))).toBe(true);
	});

	it('stores weights as 16-bit integers that read back exactly', () => {
		const values = Int16Array.from([0, 1, -1, 32767, -32768, 1234, -4321]);
		expect(Array.from(decodeInt16(encodeInt16(values)))).toEqual(Array.from(values));
	});
});

describe('the contract with a model', () => {
	const { rubric } = load(modelText);
	const all = { expects: rubric.dimensions.map((d) => d.id) };

	it('gives every finding a confidence and a source, and every dimension a confidence', () => {
		const a = assessReply(
			'Hello, I’m sorry you’re too slow to read a bill. I’ll refund you by 5 pm today.',
			{ rubric, ...all }
		);
		for (const d of Object.values(a.dimensions)) {
			expect(d.confidence).toBeGreaterThanOrEqual(0);
			expect(d.confidence).toBeLessThanOrEqual(1);
		}
		const disrespect = a.violations.find((v) => v.id === 'disrespect');
		expect(disrespect).toMatchObject({ source: expect.stringMatching(/^(rule|both)$/) });
		// A decisive rule stands whatever the model says, and caps the score.
		expect(disrespect?.uncertain).toBe(false);
		expect(a.score).toBeLessThanOrEqual(40);
	});

	it('explains a finding only the model made: the words that weighed most, and what it resembles', () => {
		const replies = [
			'Well, if you had bothered to read the leaflet we sent, we would not be having this chat.',
			'I mean, honestly, most people manage to plug a fridge in without calling us.',
			'你们这种客户我见多了，东西用坏了就来找我们。',
			'说真的，这种问题一般人自己看看说明书就明白了。'
		];
		const modelOnly = replies
			.map((text) => assessReply(text, { rubric, ...all }))
			.flatMap((a) => a.violations)
			.filter((v) => v.source === 'model');
		expect(modelOnly.length).toBeGreaterThan(0);
		for (const v of modelOnly) {
			expect(v.evidence.length).toBeGreaterThan(0);
			expect(v.resembles).toBeTruthy();
			// The words are whole words of the reply, and the reason is the criterion's own.
			const vio = rubric.violations.find((x) => x.id === v.id)!;
			expect(v.evidence[0].reason).toEqual(vio.reason);
		}
	});

	it('returns findings between the thresholds as uncertain, and they change no score', () => {
		// Borderline replies: a process explained flatly, a wait without an owner, a shrug.
		const texts = [
			'我们这边流程就是这样的，大家都是这么等的。',
			'It is what it is, the warehouse does things their own way.',
			'The system just does that sometimes, it usually sorts itself out.',
			'这个一般都要等一等的，您再看看吧。',
			'Those are the rules, I do not make them.'
		];
		// The same rubric with nothing uncertain: every finding below `certain` is dropped.
		const strict = {
			...rubric,
			violations: rubric.violations.map((v) => ({
				...v,
				thresholds: { uncertain: v.thresholds.certain, certain: v.thresholds.certain }
			}))
		};
		let seen = 0;
		for (const text of texts) {
			const a = assessReply(text, { rubric, ...all });
			const unsure = a.violations.filter((v) => v.uncertain);
			if (unsure.length === 0) continue;
			seen++;
			for (const v of unsure) {
				const t = rubric.violations.find((x) => x.id === v.id)!.thresholds;
				expect(v.confidence).toBeGreaterThanOrEqual(t.uncertain);
				expect(v.confidence).toBeLessThan(t.certain);
			}
			expect(assessReply(text, { rubric: strict, ...all }).score, text).toBe(a.score);
		}
		expect(seen).toBeGreaterThan(0);
	});

	it('lets no model credit what the rules ruled out', () => {
		const a = assessReply('I’m sorry you feel that way.', { rubric, ...all });
		expect(a.dimensions.apology.score).toBeLessThan(0.5);
		const b = assessReply("I've checked order.", { rubric, ...all });
		expect(b.dimensions.solution.score).toBeLessThan(0.5);
	});
});
