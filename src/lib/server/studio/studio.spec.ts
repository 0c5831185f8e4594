import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth';
import * as content from '../content';
import { getDb } from '../db';
import { auditLog, scenarioVersions } from '../db/schema';
import { scenarioDrafts } from '../db/studio-schema';
import { asSession, makeUser } from '../testing/factories';
import * as studio from '.';
import { TEMPLATE_DIR, templateSource } from './templates';

let trainer: SessionUser;
let admin: SessionUser;
let trainee: SessionUser;
let supervisor: SessionUser;

beforeAll(async () => {
	content.importFiles();
	trainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
	trainee = asSession(await makeUser('trainee'));
	supervisor = asSession(await makeUser('supervisor'));
});

const refusal = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof studio.StudioRefused) return e;
		throw e;
	}
	throw new Error('expected a refusal');
};
const versionsOf = (key: string) =>
	getDb().select().from(scenarioVersions).where(eq(scenarioVersions.key, key)).all();
const auditRows = (action: string) =>
	getDb().select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('templates', () => {
	it.each(studio.templateNames)('%s passes every check, reference replies included', (name) => {
		const { checked, problems } = studio.checkSource(
			`${TEMPLATE_DIR}/${name}.yaml`,
			templateSource(name)
		);
		expect(problems).toEqual([]);
		expect(checked?.plays?.map((p) => p.outcome)).toEqual(['resolved', 'resolved']);
	});

	it('the blank skeleton fails only for the texts the trainer must write', () => {
		const { problems } = studio.checkSource('blank', templateSource('blank'));
		expect(problems.length).toBeGreaterThan(0);
		expect(new Set(problems.map((p) => p.message))).toEqual(new Set(['missing translation']));
		expect(problems.map((p) => p.path)).toContain('title.zh');
	});
});

describe('drafts', () => {
	it('creates blank, template and copy drafts; templates get a key not yet used', () => {
		const blank = studio.create(trainer, { kind: 'blank' });
		expect(blank.key).toBe('new-scenario');
		expect(blank.revision).toBe(1);
		const first = studio.create(trainer, { kind: 'template', template: 'delivery-delay' });
		const second = studio.create(admin, { kind: 'template', template: 'delivery-delay' });
		expect([first.key, second.key]).toEqual(['delivery-delay', 'delivery-delay-2']);
		expect(studio.checkSource('x', second.source).problems).toEqual([]);

		const published = versionsOf('rude-call')[0];
		const copy = studio.create(trainer, { kind: 'copy', versionId: published.id });
		expect(copy).toMatchObject({ key: 'rude-call', baseVersionId: published.id });
		expect(copy.source).toBe(published.source);
		expect(refusal(() => studio.create(trainer, { kind: 'copy', versionId: 999_999 })).reason).toBe(
			'not_found'
		);
		expect(auditRows('scenario.draft_create').length).toBeGreaterThanOrEqual(4);
	});

	it('lists the live drafts, the actor’s own first', () => {
		const mine = studio.create(admin, { kind: 'blank' });
		const list = studio.list(admin);
		const firstOther = list.findIndex((d) => d.authorId !== admin.id);
		const lastOwn = list.map((d) => d.authorId).lastIndexOf(admin.id);
		expect(list.some((d) => d.id === mine.id)).toBe(true);
		expect(firstOther).toBeGreaterThan(lastOwn);
		studio.discard(admin, mine.id);
		expect(studio.list(admin).some((d) => d.id === mine.id)).toBe(false);
		expect(refusal(() => studio.get(admin, mine.id)).reason).toBe('discarded');
	});

	it('refuses trainees and supervisors', () => {
		const draft = studio.create(trainer, { kind: 'blank' });
		for (const who of [trainee, supervisor]) {
			expect(refusal(() => studio.create(who, { kind: 'blank' })).reason).toBe('not_allowed');
			expect(refusal(() => studio.get(who, draft.id)).reason).toBe('not_allowed');
			expect(refusal(() => studio.save(who, draft.id, { source: 'x', revision: 1 })).reason).toBe(
				'not_allowed'
			);
			expect(refusal(() => studio.publishSource(who, draft.source)).reason).toBe('not_allowed');
		}
	});

	it('saves with the revision, and refuses a stale save naming who saved last and when', () => {
		const draft = studio.create(trainer, { kind: 'template', template: 'billing-error' });
		const at = new Date('2026-12-01T10:00:00Z');
		const edited = draft.source.replace('mood: 40', 'mood: 35');
		const saved = studio.save(admin, draft.id, { source: edited, revision: 1 }, at);
		expect(saved.revision).toBe(2);

		const stale = refusal(() =>
			studio.save(trainer, draft.id, { source: 'key: lost-work', revision: 1 })
		);
		expect(stale.reason).toBe('stale');
		expect(studio.studioStatus(stale.reason)).toBe(409);
		expect(stale.detail.lastSave).toEqual({ by: admin.displayName, at, revision: 2 });
		const row = getDb().select().from(scenarioDrafts).where(eq(scenarioDrafts.id, draft.id)).get();
		expect(row).toMatchObject({ source: edited, revision: 2, updatedBy: admin.id });
		expect(
			auditRows('scenario.draft_save').some((r) => r.payload.includes(`"draft":${draft.id}`))
		).toBe(true);
	});
});

describe('publishing', () => {
	it('publishes version 1 with who published it, and identical content creates nothing', () => {
		const draft = studio.create(trainer, { kind: 'template', template: 'billing-error' });
		const review = studio.review(trainer, draft.id);
		expect(review).toMatchObject({ problems: [], current: null, unchanged: false });
		expect(review.diff.every((l) => l.kind === 'add')).toBe(true);

		const published = studio.publishDraft(trainer, draft.id, draft.revision);
		expect(published).toEqual({ key: draft.key, version: 1, created: true });
		const [row] = versionsOf(draft.key!);
		expect(row).toMatchObject({ publishedBy: trainer.id, sourceFile: `studio:draft/${draft.id}` });
		expect(row.source).toBe(draft.source);
		const after = getDb()
			.select()
			.from(scenarioDrafts)
			.where(eq(scenarioDrafts.id, draft.id))
			.get();
		expect(after?.publishedVersionId).toBe(row.id);
		expect(
			auditRows('scenario.publish').some((r) => r.payload.includes(`"key":"${draft.key}"`))
		).toBe(true);

		expect(studio.review(trainer, draft.id).unchanged).toBe(true);
		expect(studio.publishDraft(trainer, draft.id, draft.revision)).toEqual({
			key: draft.key,
			version: 1,
			created: false
		});
		expect(versionsOf(draft.key!)).toHaveLength(1);
	});

	it('publishes a changed copy as version n+1 and shows the diff against the version in force', () => {
		const v1 = versionsOf('disputed-fee')[0];
		const draft = studio.create(admin, { kind: 'copy', versionId: v1.id });
		const source = draft.source.replace('mood: 35', 'mood: 30');
		const saved = studio.save(admin, draft.id, { source, revision: draft.revision });
		const review = studio.review(admin, draft.id);
		expect(review.current?.version).toBe(1);
		const changed = review.diff.filter((l) => l.kind === 'add' || l.kind === 'del');
		expect(changed.map((l) => ('text' in l ? l.text.trim() : ''))).toEqual([
			'mood: 35',
			'mood: 30'
		]);
		expect(review.diff.some((l) => l.kind === 'skip')).toBe(true);

		expect(studio.publishDraft(admin, draft.id, saved.revision)).toEqual({
			key: 'disputed-fee',
			version: 2,
			created: true
		});
		const v2 = getDb()
			.select()
			.from(scenarioVersions)
			.where(and(eq(scenarioVersions.key, 'disputed-fee'), eq(scenarioVersions.version, 2)))
			.get();
		expect(v2?.document.persona.mood).toBe(30);
		expect(studio.download(admin, 'disputed-fee', 2)).toEqual({
			filename: 'disputed-fee-v2.yaml',
			source
		});
		expect(studio.download(admin, 'disputed-fee', 9)).toBeNull();
	});

	it('refuses a broken draft with located problems and stores nothing', () => {
		const draft = studio.create(trainer, { kind: 'template', template: 'delivery-delay' });
		const broken = draft.source.replace('        to: when\n', '        to: nowhere\n');
		const saved = studio.save(trainer, draft.id, { source: broken, revision: 1 });
		const before = getDb().select().from(scenarioVersions).all().length;
		const refused = refusal(() => studio.publishDraft(trainer, draft.id, saved.revision));
		expect(refused.reason).toBe('invalid');
		const line = broken.split('\n').findIndex((l) => l.includes('to: nowhere')) + 1;
		expect(refused.detail.problems).toContainEqual(
			expect.objectContaining({
				line,
				path: 'states.opening.on[1].to',
				message: 'unknown state "nowhere"'
			})
		);
		expect(getDb().select().from(scenarioVersions).all()).toHaveLength(before);
		// An older revision cannot be published either.
		expect(refusal(() => studio.publishDraft(trainer, draft.id, 1)).reason).toBe('stale');
	});

	it('refuses a reference reply that misses what its state expects', () => {
		const source = templateSource('delivery-delay').replace(
			/zh: 林先生您好，让您在家白等了一整天.*\n/,
			'zh: 您好，请问有什么事？\n'
		);
		const { problems } = studio.checkSource('x', source);
		expect(problems.some((p) => p.path === 'states.opening.ideal.zh')).toBe(true);
	});
});

describe('POST /api/scenarios logic', () => {
	it('publishes posted YAML as version 1, then reports unchanged content', () => {
		const yaml = templateSource('billing-error').replace('key: billing-error', 'key: api-billing');
		expect(studio.publishSource(admin, yaml)).toEqual({
			key: 'api-billing',
			version: 1,
			created: true
		});
		expect(versionsOf('api-billing')[0]).toMatchObject({
			publishedBy: admin.id,
			sourceFile: 'studio:api'
		});
		expect(studio.publishSource(admin, yaml)).toEqual({
			key: 'api-billing',
			version: 1,
			created: false
		});
	});

	it('refuses YAML with problems, each with line and column, and stores nothing', () => {
		const before = getDb().select().from(scenarioVersions).all().length;
		const refused = refusal(() => studio.publishSource(trainer, 'key: x\ntitle: [oops'));
		expect(refused.reason).toBe('invalid');
		expect(refused.detail.problems?.[0]).toMatchObject({
			line: expect.any(Number),
			col: expect.any(Number)
		});
		const unknownRubric = templateSource('billing-error')
			.replace('key: billing-error', 'key: api-other')
			.replace('rubric: complaint-handling', 'rubric: nothing-here');
		expect(
			refusal(() => studio.publishSource(trainer, unknownRubric)).detail.problems
		).toContainEqual(
			expect.objectContaining({ path: 'rubric', message: 'no published rubric "nothing-here"' })
		);
		expect(getDb().select().from(scenarioVersions).all()).toHaveLength(before);
	});
});
