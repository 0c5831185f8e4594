import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelsOf, trainModel } from '../../engine/scoring/learned/pipeline';
import * as attempts from '../attempts';
import { getDb } from '../db';
import { turns } from '../db/schema';
import * as reviews from '../reviews';
import { projectRubric } from '../rubric-files';
import {
	asSession,
	assignCertification,
	makeMember,
	makeTeam,
	makeUser,
	publishLibrary
} from '../testing/factories';
import { readLabelled } from './corpus';
import { exportLabels } from './export';

beforeAll(() => {
	publishLibrary();
});

describe('labels people settled, exported for training', () => {
	it('writes reviews and decisions in the LABELS.md format, partial lines naming what they settle, and trains on them', async () => {
		const { team, supervisor } = await makeTeam('Labels');
		const trainer = asSession(await makeUser('trainer'));
		const trainee = await makeMember(team.id);
		const { attempt } = attempts.start(trainee, 'rude-call', 'practice')!;
		attempts.reply(trainee, attempt.id, 0, 'Calm down, are you stupid?');
		const turn = getDb()
			.select()
			.from(turns)
			.where(eq(turns.attemptId, attempt.id))
			.all()
			.find((t) => t.speaker === 'trainee')!;
		reviews.recordReview(trainer, turn.id, {
			labels: {
				dimensions: {
					greeting: 'not_shown',
					listening: 'not_shown',
					empathy: 'not_needed',
					apology: 'not_shown'
				},
				violations: {
					blame_shift: false,
					ask_customer_to_decide: false,
					brush_off: false,
					disrespect: true,
					unauthorized_promise: false,
					slang: false
				}
			},
			comment: 'Insulting.'
		});
		assignCertification(trainee.id);
		const cert = attempts.start(trainee, 'rude-call', 'certification')!.attempt;
		attempts.reply(trainee, cert.id, 0, 'Calm down, are you stupid?');
		const [held] = reviews.queueFor(supervisor).filter((q) => q.employee.id === trainee.id);
		reviews.decide(supervisor, held.id, 'reject', 'Not rude in context.');

		const lines = exportLabels();
		const review = lines.find((l) => l.source === 'review')!;
		expect(review).toMatchObject({
			lang: 'en',
			text: 'Calm down, are you stupid?',
			violations: ['disrespect'],
			dimensions: { greeting: 0, listening: 0, apology: 0 }
		});
		// "Not needed" says nothing about empathy: it is not settled.
		expect(review.criteria).not.toContain('dimension:empathy');
		expect(review.criteria).toContain('violation:slang');
		const decision = lines.find((l) => l.source === 'decision')!;
		expect(decision).toMatchObject({ violations: [], criteria: [`violation:${held.violation}`] });

		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'labels-')), 'team.jsonl');
		fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
		const rubric = projectRubric();
		const read = readLabelled(file, undefined, labelsOf(rubric));
		const settled = read.find((r) => r.id.endsWith(decision.id))!;
		expect(settled.labels).toEqual({ [held.violation]: 0 });
		expect(read.find((r) => r.id.endsWith(review.id))!.labels.empathy).toBeUndefined();

		// A model trains on partial lines beside complete ones, each teaching only what it settles.
		const complete = readLabelled('tests/fixtures/scoring/en.jsonl', 'dev', labelsOf(rubric));
		const model = trainModel({
			rubric: { ...rubric, model: null },
			rubricHash: 'a'.repeat(64),
			dataHash: 'b'.repeat(64),
			items: [...complete, ...read.map((r) => ({ ...r, writer: 'team' }))],
			settings: {
				features: { chars: [1, 3], words: true, bigrams: false },
				options: { epochs: 2, rate: 0.5, l2: 1e-6, seed: 1 },
				minCount: 2,
				keep: Infinity
			}
		});
		expect(model.data.writers).toEqual(['dev', 'team']);

		fs.writeFileSync(
			file,
			'{"id": 1, "lang": "fr", "text": "x", "dimensions": {}, "violations": []}\n'
		);
		expect(() => readLabelled(file)).toThrow(`${file}:1:1 lang: lang must be "zh" or "en"`);
	});
});
