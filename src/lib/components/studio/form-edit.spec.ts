import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/load';
import { readFields, setField } from './form-edit';

const source = fs.readFileSync('scenarios/templates/billing-error.yaml', 'utf8');

describe('form view edits', () => {
	it('reads the common fields from the YAML', () => {
		expect(readFields(source)).toMatchObject({
			titleZh: '同一个月的宽带费扣了两次',
			nameEn: 'Ms Chen',
			temperament: 'angry',
			mood: 40
		});
		expect(readFields(source)?.briefingEn).toMatch(/^The caller is Ms Chen/);
		expect(readFields('title: [oops')).toBeNull();
	});

	it('changes one field and leaves every other line as written', () => {
		const edited = setField(source, 'titleEn', 'Charged twice for broadband')!;
		const before = source.split('\n');
		const after = edited.split('\n');
		expect(after).toHaveLength(before.length);
		const changed = after.flatMap((line, i) => (line === before[i] ? [] : [line]));
		expect(changed).toEqual(['  en: Charged twice for broadband']);
	});

	it('keeps the scenario valid through edits of text, persona and a multi-line briefing', () => {
		let text = setField(source, 'mood', 55)!;
		text = setField(text, 'temperament', 'anxious')!;
		text = setField(text, 'nameZh', '陈小姐')!;
		text = setField(text, 'briefingEn', 'First line.\nSecond line: with a colon.')!;
		const loaded = loadScenario('x.yaml', text);
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
		expect(loaded.scenario.persona).toMatchObject({ mood: 55, temperament: 'anxious' });
		expect(loaded.scenario.persona.name.zh).toBe('陈小姐');
		expect(loaded.scenario.briefing.en).toBe('First line.\nSecond line: with a colon.');
		expect(text).toContain('# Studio template');
	});
});
