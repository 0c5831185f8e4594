import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../engine/scoring';
import type { DetectionChange } from '../../engine/scoring/rubric-changes';
import * as attempts from '../attempts';
import type { SessionUser } from '../auth';
import * as content from '../content';
import { getDb } from '../db';
import { auditLog, rubricVersions } from '../db/schema';
import { asSession, makeUser } from '../testing/factories';
import * as drafts from '.';

let trainer: SessionUser;
let otherTrainer: SessionUser;
let admin: SessionUser;
let supervisor: SessionUser;
let trainee: SessionUser;

beforeAll(async () => {
	content.importFiles();
	trainer = asSession(await makeUser('trainer'));
	otherTrainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
	supervisor = asSession(await makeUser('supervisor'));
	trainee = asSession(await makeUser('trainee'));
});

const newest = () =>
	getDb().select().from(rubricVersions).orderBy(desc(rubricVersions.version)).limit(1).get()!;

const phrase = (over: Partial<DetectionChange> = {}): DetectionChange => ({
	target: { kind: 'violation', id: 'disrespect' },
	op: 'add',
	field: 'phrase',
	lang: 'en',
	value: 'what a silly question',
	...over
});

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		if (e instanceof drafts.RubricDraftRefused) return { reason: e.reason, ...e.detail };
		throw e;
	}
	throw new Error('not refused');
};

describe('rubric drafts', () => {
	it('starts from the newest published version and lists it for every author', () => {
		expect.hasAssertions();
		const draft = drafts.create(trainer, 'Greeting words');
		expect(draft.baseVersionId).toBe(newest().id);
		expect(draft.changes).toEqual([]);
		expect(drafts.list(otherTrainer).find((d) => d.id === draft.id)).toMatchObject({
			status: 'open',
			changes: 0,
			baseVersion: newest().version
		});
		const view = drafts.view(admin, draft.id)!;
		const apology = view.criteria.find((c) => c.id === 'apology')!;
		expect(apology.title.en).toBe('Apology');
		expect(apology.phrases.en.length).toBeGreaterThan(5);
	});

	it('adds and removes phrases and examples, checking each against the rubric', () => {
		expect.hasAssertions();
		let draft = drafts.create(trainer, null);
		draft = drafts.change(trainer, draft.id, draft.revision, phrase());
		draft = drafts.change(
			trainer,
			draft.id,
			draft.revision,
			phrase({
				target: { kind: 'violation', id: 'slang' },
				op: 'remove',
				lang: 'zh',
				value: '那个那个'
			})
		);
		draft = drafts.change(
			trainer,
			draft.id,
			draft.revision,
			phrase({
				target: { kind: 'dimension', id: 'empathy' },
				field: 'example',
				value: 'Waiting in all day for nothing is maddening, I know.'
			})
		);
		expect(draft.revision).toBe(4);
		expect(draft.changes).toHaveLength(3);
		const view = drafts.view(trainer, draft.id)!;
		const disrespect = view.criteria.find((c) => c.id === 'disrespect')!;
		expect(disrespect.phrases.en).toContain('what a silly question');
		expect(view.criteria.find((c) => c.id === 'slang')!.phrases.zh).not.toContain('那个那个');
		expect(view.changes[0].title.zh).toBe(disrespect.title.zh);

		expect(
			refusal(() =>
				drafts.change(trainer, draft.id, draft.revision, phrase({ value: 'you (are|were) wrong' }))
			)
		).toEqual({
			reason: 'invalid_change',
			change: { reason: 'pattern_like', char: '(', at: 5 }
		});
		expect(
			refusal(() =>
				drafts.change(
					trainer,
					draft.id,
					draft.revision,
					phrase({ op: 'remove', value: 'never said this' })
				)
			)
		).toEqual({ reason: 'invalid_change', change: { reason: 'not_there' } });
		expect(
			refusal(() => drafts.change(trainer, draft.id, draft.revision, phrase({ value: '  ' })))
		).toEqual({
			reason: 'invalid_change',
			change: { reason: 'empty' }
		});
		// Removing what the draft added takes the change out.
		const undone = drafts.change(trainer, draft.id, draft.revision, phrase({ op: 'remove' }));
		expect(undone.changes).toHaveLength(2);
		const fewer = drafts.undo(trainer, draft.id, undone.revision, 0);
		expect(fewer.changes.map((c) => c.field)).toEqual(['example']);
	});

	it('refuses a save naming an older revision instead of overwriting another trainer', () => {
		expect.hasAssertions();
		const draft = drafts.create(trainer, null);
		drafts.change(otherTrainer, draft.id, draft.revision, phrase());
		expect(
			refusal(() =>
				drafts.change(trainer, draft.id, draft.revision, phrase({ value: 'how dare you' }))
			)
		).toEqual({
			reason: 'stale'
		});
		expect(refusal(() => drafts.publish(trainer, draft.id, draft.revision))).toEqual({
			reason: 'stale'
		});
		expect(drafts.view(trainer, draft.id)!.draft.changes.map((c) => c.value)).toEqual([
			'what a silly question'
		]);
	});

	it('is closed to supervisors and trainees', () => {
		expect.hasAssertions();
		const draft = drafts.create(admin, null);
		for (const who of [supervisor, trainee]) {
			expect(refusal(() => drafts.list(who))).toEqual({ reason: 'not_allowed' });
			expect(refusal(() => drafts.create(who, null))).toEqual({ reason: 'not_allowed' });
			expect(refusal(() => drafts.view(who, draft.id))).toEqual({ reason: 'not_allowed' });
			expect(refusal(() => drafts.change(who, draft.id, draft.revision, phrase()))).toEqual({
				reason: 'not_allowed'
			});
			expect(refusal(() => drafts.evaluate(who, draft.id))).toEqual({ reason: 'not_allowed' });
			expect(refusal(() => drafts.publish(who, draft.id, draft.revision))).toEqual({
				reason: 'not_allowed'
			});
		}
	});

	it('shows the replies whose result a phrase changes, before and after', () => {
		expect.hasAssertions();
		let draft = drafts.create(trainer, null);
		// "Tomorrow" is no greeting: as one, it must credit replies that had none.
		draft = drafts.change(
			trainer,
			draft.id,
			draft.revision,
			phrase({ target: { kind: 'dimension', id: 'greeting' }, value: 'tomorrow' })
		);
		const effect = drafts.evaluate(trainer, draft.id);
		expect(effect.n).toBeGreaterThan(700);
		expect(effect.focus).toEqual(['greeting']);
		expect(effect.model).toBe('kept');
		const credited = effect.changed.filter((c) => c.criterion === 'greeting');
		expect(credited.length).toBeGreaterThan(3);
		expect(credited.every((c) => !c.before && c.after)).toBe(true);
		expect(credited[0].labelled).toBe(false);
		expect(credited[0].text.toLowerCase()).toContain('tomorrow');
		const { before, after } = effect.criteria.greeting;
		expect(after.fp).toBeGreaterThan(before.fp);
		expect(after.precision).toBeLessThan(before.precision);
		expect(effect.overall.after.precision).toBeLessThan(effect.overall.before.precision);
		// Computed once per revision.
		expect(drafts.evaluate(trainer, draft.id)).toBe(effect);
		expect(drafts.cachedEffect(trainer, draft.id, draft.revision)).toBe(effect);
	});

	it('refuses to publish a draft that changes nothing', () => {
		expect.hasAssertions();
		const draft = drafts.create(trainer, null);
		expect(refusal(() => drafts.publish(trainer, draft.id, draft.revision))).toEqual({
			reason: 'no_change'
		});
		const added = drafts.change(trainer, draft.id, draft.revision, phrase());
		const back = drafts.change(trainer, draft.id, added.revision, phrase({ op: 'remove' }));
		expect(back.changes).toEqual([]);
		expect(refusal(() => drafts.publish(trainer, draft.id, back.revision))).toEqual({
			reason: 'no_change'
		});
	});

	it('publishes version n+1 with the model kept, and new attempts use it', () => {
		expect.hasAssertions();
		const before = newest();
		let draft = drafts.create(trainer, null);
		const late = drafts.create(otherTrainer, null);
		draft = drafts.change(trainer, draft.id, draft.revision, phrase({ value: 'talk about slow' }));
		const { version, model } = drafts.publish(trainer, draft.id, draft.revision);
		expect(version.version).toBe(before.version + 1);
		expect(version.publishedBy).toBe(trainer.id);
		expect(version.source).toContain("'talk about slow'");
		expect(model).toBe('kept');
		const loaded = loadRubric(version.sourceFile, version.source, {
			file: version.modelFile!,
			text: version.model!
		});
		expect(loaded.ok && loaded.warnings).toEqual([]);
		expect(loaded.ok && loaded.rubric.model).not.toBeNull();
		const row = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
		expect(row.action).toBe('rubric.publish');
		expect(JSON.parse(row.payload)).toMatchObject({ version: version.version, model: 'kept' });

		const { attempt } = attempts.start(trainee, 'rude-call', 'practice')!;
		expect(attempt.rubricVersionId).toBe(version.id);
		const scored = attempts.reply(trainee, attempt.id, 0, 'Talk about slow, the order is late.');
		expect(scored).toBeTruthy();
		const stored = getDb()
			.select()
			.from(rubricVersions)
			.where(eq(rubricVersions.id, before.id))
			.get();
		expect(stored?.source).toBe(before.source);

		// Published once; and a draft begun on the older version must not undo the newer one.
		expect(refusal(() => drafts.publish(trainer, draft.id, draft.revision + 1))).toEqual({
			reason: 'closed'
		});
		const lateChanged = drafts.change(
			otherTrainer,
			late.id,
			late.revision,
			phrase({ value: 'how dare you' })
		);
		expect(refusal(() => drafts.publish(otherTrainer, late.id, lateChanged.revision))).toEqual({
			reason: 'outdated_base'
		});
	});
});
