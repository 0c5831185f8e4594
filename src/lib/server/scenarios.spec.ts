import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from './db';
import { scenarioVersions } from './db/schema';
import { checkScenarios, scenarioFiles } from './scenario-files';
import * as scenarios from './scenarios';

let dir: string;
const copyOf = (name: string) => path.join(dir, name);

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-scenarios-'));
	for (const file of scenarioFiles()) fs.copyFileSync(file, copyOf(path.basename(file)));
});

const count = () => getDb().select().from(scenarioVersions).all().length;

describe('scenario import', () => {
	it('publishes version 1, keeps it on an unchanged import, and adds version 2 for a changed file', () => {
		const first = scenarios.importFiles(scenarioFiles(dir), new Date('2026-11-01T00:00:00Z'));
		const keys = first.created.map((c) => `${c.key}@${c.version}`);
		expect(keys).toEqual(
			expect.arrayContaining([
				'rude-call@1',
				'disputed-fee@1',
				'missed-appointment@1',
				'subsidy-claim@1'
			])
		);

		const again = scenarios.importFiles(scenarioFiles(dir));
		expect(again.created).toEqual([]);
		expect(again.unchanged).toHaveLength(first.created.length);

		// Reformatting or a comment is not a change of content...
		const file = copyOf('rude-call.yaml');
		fs.writeFileSync(file, `# reviewed\n${fs.readFileSync(file, 'utf8')}`);
		expect(scenarios.importFiles(scenarioFiles(dir)).created).toEqual([]);

		// ...a changed line is.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('mood: 25', 'mood: 20'));
		const changed = scenarios.importFiles(scenarioFiles(dir), new Date('2026-11-02T00:00:00Z'));
		expect(changed.created).toEqual([{ key: 'rude-call', version: 2 }]);
		expect(scenarios.latest('rude-call')?.document.persona.mood).toBe(20);
		const v1 = scenarios.getVersion('rude-call', 1);
		expect(v1?.document.persona.mood).toBe(25);
		expect(v1?.publishedAt.toISOString()).toBe('2026-11-01T00:00:00.000Z');
		expect(scenarios.versions('rude-call').map((v) => v.version)).toEqual([1, 2]);
	});

	it('imports nothing when one file has a problem', () => {
		const before = count();
		fs.writeFileSync(
			copyOf('disputed-fee.yaml'),
			fs
				.readFileSync(copyOf('disputed-fee.yaml'), 'utf8')
				.replace('mood: 35', 'mood: 35\n  colour: red')
		);
		fs.writeFileSync(
			copyOf('rude-call.yaml'),
			fs.readFileSync(copyOf('rude-call.yaml'), 'utf8').replace('mood: 25', 'mood: 10')
		);
		expect(() => scenarios.importFiles(scenarioFiles(dir))).toThrow(scenarios.ScenarioImportError);
		expect(() => scenarios.importFiles(scenarioFiles(dir))).toThrow(
			/disputed-fee\.yaml:\d+:\d+ persona\.colour: unknown field "colour"/
		);
		expect(count()).toBe(before);
	});

	it('rolls back a half-done import', () => {
		const before = count();
		const { scenarios: checked } = checkScenarios(scenarioFiles(dir));
		const broken = [
			...checked,
			{ ...checked[0], compiled: { ...checked[0].compiled, scenario: null as never } }
		];
		expect(() => scenarios.publish(broken)).toThrow();
		expect(count()).toBe(before);
	});

	it('refuses to change or delete a published version', () => {
		scenarios.importFiles(scenarioFiles(dir));
		const db = getDb();
		expect(() =>
			db
				.update(scenarioVersions)
				.set({ titleEn: 'x' })
				.where(eq(scenarioVersions.key, 'rude-call'))
				.run()
		).toThrow(/immutable/);
		expect(() => db.delete(scenarioVersions).run()).toThrow(/immutable/);
	});
});
