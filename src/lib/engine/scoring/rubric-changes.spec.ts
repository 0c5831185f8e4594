import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric } from './rubric';
import {
	applyChange,
	applyChanges,
	checkValue,
	detectionOf,
	withChange,
	type DetectionChange
} from './rubric-changes';

const FILE = 'scenarios/rubrics/complaint-handling.yaml';
const rubricText = fs.readFileSync(FILE, 'utf8');

const change = (over: Partial<DetectionChange> = {}): DetectionChange => ({
	target: { kind: 'dimension', id: 'apology' },
	op: 'add',
	field: 'phrase',
	lang: 'en',
	value: 'my sincere regrets',
	...over
});

/** A small rubric in the layouts the real file uses: flow lists, block lists, comments. */
const small = `# top comment
key: tiny
dimensions:
  - id: greeting # the opening
    detectors:
      - type: phrases
        zh: [你好, 您好呀]
      - type: patterns
        en: ['^hi\\b']
  - id: empathy
    detectors:
      - type: examples
        positive:
          - I can hear how hard this is.
          - 我能理解您的心情。
  - id: commitment
    detectors:
      - type: time
violations: []
`;

describe('checkValue', () => {
	it('refuses empty, multi-line and over-long values', () => {
		expect.hasAssertions();
		expect(checkValue('phrase', 'en', '   ')).toEqual({ reason: 'empty' });
		expect(checkValue('phrase', 'en', 'one\ntwo')).toEqual({ reason: 'multiline' });
		expect(checkValue('phrase', 'en', 'x'.repeat(61))).toEqual({ reason: 'too_long', max: 60 });
		expect(checkValue('example', 'en', 'word '.repeat(50))).toBeNull();
	});

	it('refuses a phrase that looks like a pattern, saying which character and where', () => {
		expect.hasAssertions();
		expect(checkValue('phrase', 'en', 'sorry (about|for)')).toEqual({
			reason: 'pattern_like',
			char: '(',
			at: 7
		});
		expect(checkValue('phrase', 'zh', '对不起.*')).toEqual({
			reason: 'pattern_like',
			char: '*',
			at: 5
		});
		expect(checkValue('phrase', 'en', '\\bsorry')).toMatchObject({ char: '\\', at: 1 });
		// An example is a reply, not a pattern: brackets are fine there.
		expect(checkValue('example', 'en', 'I (personally) will call you.')).toBeNull();
	});

	it('refuses a value in the other language or without words', () => {
		expect.hasAssertions();
		expect(checkValue('phrase', 'zh', 'so sorry')).toEqual({ reason: 'wrong_language' });
		expect(checkValue('phrase', 'en', '非常抱歉')).toEqual({ reason: 'wrong_language' });
		expect(checkValue('phrase', 'en', '!!!')).toEqual({ reason: 'no_words' });
		expect(checkValue('phrase', 'zh', '非常抱歉')).toBeNull();
	});
});

describe('applyChange', () => {
	it('adds a phrase to a flow list and touches nothing else', () => {
		expect.hasAssertions();
		const out = applyChange(
			small,
			change({ target: { kind: 'dimension', id: 'greeting' }, lang: 'zh', value: '早安' })
		);
		expect(out).toEqual({
			ok: true,
			source: small.replace('[你好, 您好呀]', '[你好, 您好呀, 早安]')
		});
	});

	it('adds a missing language list to the phrases detector, and a phrases detector when there is none', () => {
		expect.hasAssertions();
		const en = applyChange(
			small,
			change({ target: { kind: 'dimension', id: 'greeting' }, value: "how's it going" })
		);
		expect(en.ok && en.source).toContain("zh: [你好, 您好呀]\n        en: ['how''s it going']\n");
		const fresh = applyChange(
			small,
			change({ target: { kind: 'dimension', id: 'commitment' }, value: 'by friday' })
		);
		expect(fresh.ok && fresh.source).toContain(
			"      - type: time\n      - type: phrases\n        en: ['by friday']\n"
		);
		expect(
			fresh.ok && detectionOf(fresh.source, { kind: 'dimension', id: 'commitment' })?.phrases.en
		).toEqual(['by friday']);
	});

	it('adds an example to a block list on a line of its own', () => {
		expect.hasAssertions();
		const out = applyChange(
			small,
			change({
				target: { kind: 'dimension', id: 'empathy' },
				field: 'example',
				value: "That's a lot to deal with: I'd be upset too."
			})
		);
		expect(out.ok && out.source).toContain(
			"          - 我能理解您的心情。\n          - 'That''s a lot to deal with: I''d be upset too.'\n  - id: commitment"
		);
	});

	it('removes a phrase and an example, comparing text as the rules do', () => {
		expect.hasAssertions();
		const phrase = applyChange(
			small,
			change({
				target: { kind: 'dimension', id: 'greeting' },
				op: 'remove',
				lang: 'zh',
				value: ' 你好 '
			})
		);
		expect(phrase).toEqual({ ok: true, source: small.replace('[你好, 您好呀]', '[您好呀]') });
		const last = applyChange(
			small,
			change({
				target: { kind: 'dimension', id: 'greeting' },
				op: 'remove',
				lang: 'zh',
				value: '您好呀'
			})
		);
		expect(last).toEqual({ ok: true, source: small.replace('[你好, 您好呀]', '[你好]') });
		const example = applyChange(
			small,
			change({
				target: { kind: 'dimension', id: 'empathy' },
				op: 'remove',
				field: 'example',
				value: 'i can hear how hard this is.'
			})
		);
		expect(example).toEqual({
			ok: true,
			source: small.replace('          - I can hear how hard this is.\n', '')
		});
	});

	it('refuses what is not there, what is there already, and the last example of a detector', () => {
		expect.hasAssertions();
		const greeting = { kind: 'dimension' as const, id: 'greeting' };
		expect(
			applyChange(small, change({ target: greeting, op: 'remove', lang: 'zh', value: '再见' }))
		).toEqual({
			ok: false,
			refusal: { reason: 'not_there' }
		});
		expect(applyChange(small, change({ target: greeting, lang: 'zh', value: '你好' }))).toEqual({
			ok: false,
			refusal: { reason: 'already_there' }
		});
		// The Chinese example is not among the English ones.
		expect(
			applyChange(
				small,
				change({
					target: { kind: 'dimension', id: 'empathy' },
					op: 'remove',
					field: 'example',
					value: '我能理解您的心情。'
				})
			)
		).toEqual({ ok: false, refusal: { reason: 'not_there' } });
		const one = applyChanges(small, [
			change({
				target: { kind: 'dimension', id: 'empathy' },
				op: 'remove',
				field: 'example',
				lang: 'zh',
				value: '我能理解您的心情。'
			}),
			change({
				target: { kind: 'dimension', id: 'empathy' },
				op: 'remove',
				field: 'example',
				value: 'I can hear how hard this is.'
			})
		]);
		expect(one).toEqual({ ok: false, index: 1, refusal: { reason: 'last_example' } });
		expect(applyChange(small, change({ target: { kind: 'violation', id: 'greeting' } }))).toEqual({
			ok: false,
			refusal: { reason: 'unknown_criterion' }
		});
	});

	it('keeps the real rubric loading, and the change visible to the engine', () => {
		expect.hasAssertions();
		const out = applyChanges(rubricText, [
			change({ target: { kind: 'violation', id: 'disrespect' }, value: 'what a silly question' }),
			change({
				target: { kind: 'violation', id: 'slang' },
				op: 'remove',
				lang: 'zh',
				value: '那个那个'
			}),
			change({
				target: { kind: 'dimension', id: 'compliance' },
				field: 'example',
				value: 'Under the published fee schedule the visit is free.'
			})
		]);
		if (!out.ok) throw new Error(JSON.stringify(out));
		const loaded = loadRubric(FILE, out.source);
		expect(loaded.ok).toBe(true);
		const before = new Set(rubricText.split('\n'));
		const after = new Set(out.source.split('\n'));
		const added = [...after].filter((l) => !before.has(l));
		const gone = [...before].filter((l) => !after.has(l));
		// Two lists edited in place and a detector appended ("- type: examples" is a line already).
		expect(added).toHaveLength(3);
		expect(gone).toHaveLength(2);
		const target = detectionOf(out.source, { kind: 'violation', id: 'disrespect' });
		expect(target?.phrases.en).toContain('what a silly question');
		expect(detectionOf(out.source, { kind: 'violation', id: 'slang' })?.phrases.zh).not.toContain(
			'那个那个'
		);
		expect(detectionOf(out.source, { kind: 'dimension', id: 'compliance' })?.examples.en).toEqual([
			'Under the published fee schedule the visit is free.'
		]);
	});
});

describe('withChange', () => {
	it('drops a change that undoes an earlier one instead of adding both', () => {
		expect.hasAssertions();
		const added = withChange([], change({ value: ' my sincere regrets ' }));
		expect(added).toEqual([change()]);
		expect(withChange(added, change({ op: 'remove', value: 'My sincere regrets' }))).toEqual([]);
		expect(withChange(added, change({ value: 'another' }))).toHaveLength(2);
	});
});
