import fs from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActiveState } from '../../engine/scenario';
import type { SessionUser } from '../auth';
import * as content from '../content';
import { getDb } from '../db';
import { attempts, auditLog, ledgerEntries, scenarioVersions, turns } from '../db/schema';
import * as studio from '../studio';
import { asSession, makeUser } from '../testing/factories';
import * as preview from '.';

let trainer: SessionUser;
let trainee: SessionUser;
let draftId: number;

const rows = () => {
	const db = getDb();
	const n = (t: typeof attempts | typeof turns | typeof ledgerEntries | typeof auditLog) =>
		db.select({ n: count() }).from(t).get()!.n;
	return { attempts: n(attempts), turns: n(turns), ledger: n(ledgerEntries), audit: n(auditLog) };
};
const playable = (s: preview.Subject | null): preview.Subject & preview.Playable => {
	if (!s?.ok) throw new Error('expected a playable subject');
	return s;
};

beforeAll(async () => {
	content.importFiles();
	trainer = asSession(await makeUser('trainer'));
	trainee = asSession(await makeUser('trainee'));
	const version = getDb()
		.select()
		.from(scenarioVersions)
		.where(eq(scenarioVersions.key, 'missed-appointment'))
		.get()!;
	draftId = studio.create(trainer, { kind: 'copy', versionId: version.id }).id;
});

describe('preview of a draft', () => {
	it('plays the draft to its best outcome with the reference replies, writing nothing', () => {
		const subject = playable(preview.ofDraft(trainer, draftId));
		const before = rows();
		let { at } = preview.startPosition(subject, {});
		expect(at).toEqual({ state: 'opening', mood: 40, turn: 0, seed: 0 });
		const labels: string[] = [];
		for (let i = 0; i < 7; i++) {
			const state = subject.compiled.scenario.states[at.state] as ActiveState;
			const step = preview.replyStep(subject, at, state.ideal.en);
			expect(step.transition.best).toBe(true);
			labels.push(step.transition.label.en);
			if (!step.next.position) {
				expect(step.next.outcome).toBe('resolved');
				break;
			}
			at = step.next.position;
		}
		expect(labels[0]).toMatch(/^if the reply shows “Apology”/);
		expect(rows()).toEqual(before);
	});

	it('lists the states by their customer line and starts from any of them', () => {
		const subject = playable(preview.ofDraft(trainer, draftId));
		const states = preview.stateChoices(subject);
		expect(states[0]).toMatchObject({ id: 'opening', start: true, depth: 0 });
		expect(states.find((s) => s.id === 'where_is_he')?.depth).toBe(1);
		expect(states.every((s) => s.line.en.length > 0 && s.line.zh.length > 0)).toBe(true);
		expect(states.some((s) => s.id === 'hung_up')).toBe(false);
		expect(preview.startPosition(subject, { state: 'make_amends', mood: 10 }).at).toEqual({
			state: 'make_amends',
			mood: 10,
			turn: 2,
			seed: 0
		});
		// An ending or a state the draft no longer has starts from the beginning, and says why.
		expect(preview.startPosition(subject, { state: 'hung_up' })).toMatchObject({
			at: { state: 'opening', turn: 0 },
			problem: 'final_state'
		});
		expect(preview.startPosition(subject, { state: 'gone' }).problem).toBe('unknown_state');
	});

	it('shows the problems of a draft that does not load', () => {
		const draft = studio.create(trainer, { kind: 'blank' });
		const broken = preview.ofDraft(trainer, draft.id);
		expect(broken?.ok).toBe(false);
		if (broken && !broken.ok) {
			expect(broken.problems.length).toBeGreaterThan(0);
			expect(broken.problems[0].line).toBeGreaterThan(0);
		}
		const source = fs
			.readFileSync('scenarios/missed-appointment.yaml', 'utf8')
			.replace('to: where_is_he', 'to: nowhere');
		studio.save(trainer, draft.id, { source, revision: draft.revision });
		const unknown = preview.ofDraft(trainer, draft.id);
		expect(unknown?.ok).toBe(false);
		if (unknown && !unknown.ok)
			expect(unknown.problems.map((p) => p.message)).toContain('unknown state "nowhere"');
		const other = preview.compileSource(
			'other',
			source
				.replace('to: nowhere', 'to: where_is_he')
				.replace(/^rubric: .*$/m, 'rubric: nothing-here')
		);
		expect(other.ok).toBe(false);
		if (!other.ok) {
			expect(other.problems.map((p) => p.message)).toEqual(['no published rubric "nothing-here"']);
			expect(other.problems[0].line).toBeGreaterThan(1);
		}
	});

	it('is for trainers and admins, and a missing or discarded draft is not found', () => {
		expect(() => preview.ofDraft(trainee, draftId)).toThrow(preview.PreviewForbidden);
		expect(preview.ofDraft(trainer, 999_999)).toBeNull();
		const gone = studio.create(trainer, { kind: 'blank' });
		studio.discard(trainer, gone.id);
		expect(preview.ofDraft(trainer, gone.id)).toBeNull();
	});

	it('plays a published version, the newest or the one asked for', () => {
		expect(playable(preview.ofVersion(trainer, 'rude-call')).origin).toEqual({
			kind: 'version',
			key: 'rude-call',
			version: 1
		});
		expect(preview.ofVersion(trainer, 'rude-call', 99)).toBeNull();
		expect(preview.ofVersion(trainer, 'no-such-scenario')).toBeNull();
		expect(() => preview.ofVersion(trainee, 'rude-call')).toThrow(preview.PreviewForbidden);
	});
});

describe('sandbox', () => {
	const offer = "I'm sorry, I will send you a free deodoriser set today as an apology.";

	it('scores a reply in a scenario state with its authority, and alone with the defaults', () => {
		const inState = preview.sandbox.score(trainer, {
			text: offer,
			context: 'missed-appointment/where_is_he',
			turn: 'later'
		});
		const promise = inState?.explanation.criteria.find((c) => c.id === 'unauthorized_promise');
		expect(promise?.verdict).toBe('not_raised');
		expect(promise?.reasons.map((r) => r.en).join(' ')).toContain('not beyond authority');
		expect(inState?.scenario?.state).toBe('where_is_he');

		const alone = preview.sandbox.score(trainer, { text: offer, context: '', turn: 'later' });
		expect(alone?.assessment.violations.map((v) => v.id)).toContain('unauthorized_promise');
		expect(alone?.rubric).toEqual({ key: 'complaint-handling', version: 1 });
	});

	it('refuses an unknown scenario or state, and anyone but trainers and admins', () => {
		expect(
			preview.sandbox.score(trainer, { text: 'hi', context: 'rude-call/nowhere', turn: 'first' })
		).toBeNull();
		expect(
			preview.sandbox.score(trainer, { text: 'hi', context: 'nope/opening', turn: 'first' })
		).toBeNull();
		expect(() => preview.sandbox.choices(trainee)).toThrow(preview.PreviewForbidden);
		const choices = preview.sandbox.choices(trainer);
		expect(choices.map((c) => c.key).sort()).toEqual([
			'disputed-fee',
			'missed-appointment',
			'rude-call',
			'subsidy-claim'
		]);
	});
});
