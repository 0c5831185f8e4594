import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../rubric';
import { applyChange } from '../rubric-changes';
import { rubricHash } from './load';
import { rebindModel } from './rebind';

const FILE = 'scenarios/rubrics/complaint-handling.yaml';
const MODEL = 'scenarios/rubrics/complaint-handling.model.json';
const text = fs.readFileSync(FILE, 'utf8');
const model = { file: MODEL, text: fs.readFileSync(MODEL, 'utf8') };
const base = {
	text,
	key: 'complaint-handling',
	violations: [
		'blame_shift',
		'ask_customer_to_decide',
		'brush_off',
		'disrespect',
		'unauthorized_promise',
		'slang'
	]
};
const changed = applyChange(text, {
	target: { kind: 'dimension', id: 'apology' },
	op: 'add',
	field: 'phrase',
	lang: 'en',
	value: 'my sincere regrets'
});

describe('rebindModel', () => {
	it('binds the model to the changed rubric and remembers what it was trained for', () => {
		expect.hasAssertions();
		if (!changed.ok) throw new Error('change refused');
		// Unbound, the engine refuses the model for the changed text.
		const unbound = loadRubric(FILE, changed.source, model);
		expect(unbound.ok && unbound.warnings[0].message).toMatch(/another version of the rubric/);
		const rebound = rebindModel(model, base, changed.source);
		if (!rebound.ok) throw new Error('rebind refused');
		const data = JSON.parse(rebound.text);
		expect(data.rubric).toEqual({
			key: 'complaint-handling',
			hash: rubricHash(changed.source),
			trainedFor: rubricHash(text)
		});
		const loaded = loadRubric(FILE, changed.source, { file: MODEL, text: rebound.text });
		expect(loaded.ok && loaded.warnings).toEqual([]);
		// Bound again from the bound text, it still names the rubric it was trained for.
		const again = rebindModel(
			{ file: MODEL, text: rebound.text },
			{ ...base, text: changed.source },
			text
		);
		expect(again.ok && JSON.parse(again.text).rubric.trainedFor).toBe(rubricHash(text));
	});

	it('refuses a model that does not load for the rubric it is taken from', () => {
		expect.hasAssertions();
		if (!changed.ok) throw new Error('change refused');
		const refused = rebindModel(model, { ...base, text: changed.source }, text);
		expect(refused.ok).toBe(false);
		expect(!refused.ok && refused.problems[0].message).toMatch(/another version of the rubric/);
	});
});
