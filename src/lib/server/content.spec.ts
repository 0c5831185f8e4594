import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from './db';
import { rubricVersions, scenarioVersions, users } from './db/schema';
import * as studio from './studio';
import { scenarioFiles } from './scenario-files';
import * as content from './content';
import * as scenarios from './scenarios';
import { rubricFiles } from './rubric-files';

let dir: string;
const files = () => ({ rubrics: rubricFiles(), scenarios: scenarioFiles(dir) });
const copyOf = (name: string) => path.join(dir, name);

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-scenarios-'));
	for (const file of scenarioFiles()) fs.copyFileSync(file, copyOf(path.basename(file)));
});

const count = () => getDb().select().from(scenarioVersions).all().length;

describe('scenario import', () => {
	it('publishes version 1, keeps it on an unchanged import, and adds version 2 for a changed file', () => {
		const first = content.importFiles(files(), new Date('2026-11-01T00:00:00Z')).scenarios;
		const keys = first.created.map((c) => `${c.key}@${c.version}`);
		expect(keys).toEqual(
			expect.arrayContaining([
				'rude-call@1',
				'disputed-fee@1',
				'missed-appointment@1',
				'subsidy-claim@1'
			])
		);

		const again = content.importFiles(files()).scenarios;
		expect(again.created).toEqual([]);
		expect(again.unchanged).toHaveLength(first.created.length);

		// Reformatting or a comment is not a change of content...
		const file = copyOf('rude-call.yaml');
		fs.writeFileSync(file, `# reviewed\n${fs.readFileSync(file, 'utf8')}`);
		expect(content.importFiles(files()).scenarios.created).toEqual([]);

		// ...a changed line is.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('mood: 25', 'mood: 20'));
		const changed = content.importFiles(files(), new Date('2026-11-02T00:00:00Z')).scenarios;
		expect(changed.created).toEqual([{ key: 'rude-call', version: 2 }]);
		expect(scenarios.latest('rude-call')?.document.persona.mood).toBe(20);
		const v1 = scenarios.getVersion('rude-call', 1);
		expect(v1?.document.persona.mood).toBe(25);
		expect(v1?.publishedAt.toISOString()).toBe('2026-11-01T00:00:00.000Z');
		expect(scenarios.versions('rude-call').map((v) => v.version)).toEqual([1, 2]);
	});

	it('a version published in the studio is not undone by importing the library files again', () => {
		content.importFiles(files());
		const trainer = getDb()
			.insert(users)
			.values({ username: 'author', displayName: 'Author', passwordHash: 'x', role: 'trainer' })
			.returning()
			.get();
		const file = copyOf('rude-call.yaml');
		const edited = fs.readFileSync(file, 'utf8').replace('mood: 25', 'mood: 30');
		const before = scenarios.latest('rude-call')!.version;
		expect(studio.publishSource(trainer, edited)).toMatchObject({
			key: 'rude-call',
			version: before + 1
		});
		// The seed runs again with the unchanged file: the trainer's version stays in force...
		expect(content.importFiles(files()).scenarios.created).toEqual([]);
		expect(scenarios.latest('rude-call')?.document.persona.mood).toBe(30);
		// ...until the file itself changes.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('mood: 25', 'mood: 15'));
		expect(content.importFiles(files()).scenarios.created).toEqual([
			{ key: 'rude-call', version: before + 2 }
		]);
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
		expect(() => content.importFiles(files())).toThrow(content.ContentImportError);
		expect(() => content.importFiles(files())).toThrow(
			/disputed-fee\.yaml:\d+:\d+ persona\.colour: unknown field "colour"/
		);
		expect(count()).toBe(before);
	});

	it('rolls back a half-done import', () => {
		const before = count();
		const rubricsBefore = getDb().select().from(rubricVersions).all().length;
		// A changed scenario that would become a new version, ahead of the broken one.
		const file = copyOf('missed-appointment.yaml');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('mood: 40', 'mood: 41'));
		const { rubrics, scenarios: checked } = content.checkContent(files());
		const broken = [
			...checked,
			{ ...checked[0], compiled: { ...checked[0].compiled, scenario: null as never } }
		];
		// The rubric and the good scenarios come first: all of it must roll back.
		expect(() => content.publish(rubrics, broken)).toThrow();
		expect(getDb().select().from(rubricVersions).all()).toHaveLength(rubricsBefore);
		expect(count()).toBe(before);
	});

	it('publishes the rubric once, and refuses a scenario that names an unknown rubric or id', () => {
		content.importFiles(files());
		expect(
			getDb()
				.select()
				.from(rubricVersions)
				.all()
				.map((r) => `${r.key}@${r.version}`)
		).toEqual(['complaint-handling@1']);
		const file = copyOf('rude-call.yaml');
		fs.writeFileSync(
			file,
			fs.readFileSync(file, 'utf8').replace('{ violation: brush_off }', '{ violation: brushoff }')
		);
		expect(() => content.importFiles(files())).toThrow(
			/rude-call\.yaml:\d+:\d+ states\.opening\.on\[1\]\.guard: rubric "complaint-handling" has no violation "brushoff"/
		);
		fs.writeFileSync(
			file,
			fs.readFileSync(file, 'utf8').replace('rubric: complaint-handling', 'rubric: kindness')
		);
		expect(() => content.importFiles(files())).toThrow(/no rubric "kindness"/);
	});

	it('refuses to change or delete a published version', () => {
		content.importFiles(files());
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

describe('rubric import with its learned model', () => {
	// Rubric copies live apart from the scenario copies.
	const rubricDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sd-rubric-'));
	it('stores the model with the version, and a retrained model makes a new version that old attempts do not see', () => {
		const [yaml] = rubricFiles();
		const modelFile = yaml.replace(/\.yaml$/, '.model.json');
		const into = rubricDir();
		const rubricCopy = path.join(into, path.basename(yaml));
		const modelCopy = path.join(into, path.basename(modelFile));
		fs.copyFileSync(yaml, rubricCopy);
		fs.copyFileSync(modelFile, modelCopy);
		const mine = () => ({ rubrics: [rubricCopy], scenarios: scenarioFiles(dir) });
		const rows = () =>
			getDb()
				.select()
				.from(rubricVersions)
				.where(eq(rubricVersions.key, 'complaint-handling'))
				.all()
				.sort((a, b) => a.version - b.version);

		content.importFiles(mine());
		const before = rows();
		const current = before.at(-1)!;
		expect(current.model).toBe(fs.readFileSync(modelFile, 'utf8'));

		// Retrained (here: another seed recorded), the same rubric text makes a new version.
		const retrained = fs.readFileSync(modelFile, 'utf8').replace(/"seed":\d+/, '"seed":1');
		fs.writeFileSync(modelCopy, retrained);
		content.importFiles(mine());
		const after = rows();
		expect(after).toHaveLength(before.length + 1);
		expect(after.at(-1)!.model).toBe(retrained);
		// The version attempts are pinned to keeps the model it was published with.
		expect(after.find((r) => r.id === current.id)!.model).toBe(current.model);
	});

	it('refuses to import a rubric whose model file is broken, saying where', () => {
		const [yaml] = rubricFiles();
		const into = rubricDir();
		const rubricCopy = path.join(into, path.basename(yaml));
		const modelCopy = path.join(into, path.basename(yaml).replace(/\.yaml$/, '.model.json'));
		fs.copyFileSync(yaml, rubricCopy);
		fs.writeFileSync(modelCopy, '{"format": 2,\n "rubric": oops}');
		expect(() =>
			content.importFiles({ rubrics: [rubricCopy], scenarios: scenarioFiles(dir) })
		).toThrow(/complaint-handling\.model\.json:2:\d+: not valid JSON/);
	});
});
