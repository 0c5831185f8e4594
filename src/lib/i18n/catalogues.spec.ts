import { describe, expect, it } from 'vitest';
import { refusals } from '../engine/rulebook/lifecycle';
import en from './en.json';
import zh from './zh-CN.json';

const placeholders = (text: string) =>
	[...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
	it('have the same keys in English and Chinese', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
	});

	it('have no empty text and the same placeholders in both languages', () => {
		for (const [key, text] of Object.entries(en)) {
			const other = (zh as Record<string, string>)[key];
			expect(text.trim(), key).not.toBe('');
			expect(other.trim(), key).not.toBe('');
			expect(placeholders(other), key).toEqual(placeholders(text));
		}
	});

	it('really translate: Chinese texts contain Chinese characters', () => {
		const untranslated = Object.entries(zh).filter(
			([key, text]) =>
				!key.startsWith('$') && !key.startsWith('language_') && !/\p{Script=Han}/u.test(text)
		);
		expect(untranslated).toEqual([]);
	});

	it('explain every reason the ledger and the rulebook can refuse something', () => {
		const missing = refusals.filter((r) => !(`ledger_refused_${r}` in en));
		expect(missing).toEqual([]);
	});
});
