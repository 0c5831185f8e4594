import { describe, expect, it, beforeAll } from 'vitest';
import { compileScenario, type GuardAssessment } from '../../engine/scenario';
import * as attempts from '../attempts';
import type { SessionUser } from '../auth';
import * as content from '../content';
import * as scenarios from '../scenarios';
import { asSession, makeUser } from '../testing/factories';
import { detail } from './detail';
import { replay } from './paths';

const good = [
	'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
	'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
	'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
];
const rude = 'Calm down. Are you stupid? Complain all you want.';

let trainee: SessionUser;
let trainer: SessionUser;

beforeAll(async () => {
	content.importFiles();
	trainee = asSession(await makeUser('trainee'));
	trainer = asSession(await makeUser('trainer'));
});

const play = (replies: string[]) => {
	const { attempt } = attempts.start(trainee, 'rude-call', 'practice')!;
	replies.forEach((text, turn) => attempts.reply(trainee, attempt.id, turn, text));
	return attempt.id;
};

describe('scenario detail: paths of recorded attempts', () => {
	it('counts each transition the attempts took and where the finished ones ended', () => {
		const before = detail(trainer, 'rude-call');
		expect(before.ok && before.detail.counts).toEqual({
			attempts: 0,
			finished: 0,
			edges: {},
			endings: {},
			turnLimit: 0
		});

		play(good);
		play([rude]);
		play(good.slice(0, 1)); // still going

		const after = detail(trainer, 'rude-call');
		if (!after.ok) throw new Error(after.reason);
		expect(after.detail.counts).toEqual({
			attempts: 3,
			finished: 2,
			edges: { 'opening#2': 2, 'venting#2': 1, 'details#2': 1, 'opening#0': 1 },
			endings: { resolved: 1, hung_up: 1 },
			turnLimit: 0
		});
		// Every counted edge is one the graph draws, between the states the attempts passed.
		const ids = new Set(after.detail.graph.edges.map((e) => e.id));
		expect(Object.keys(after.detail.counts.edges).every((id) => ids.has(id))).toBe(true);
	});

	it('gives versions with their authors, the shortest paths, and refuses other roles and bad keys', () => {
		const result = detail(trainer, 'rude-call');
		if (!result.ok) throw new Error(result.reason);
		expect(result.detail.versions).toEqual([
			{ version: 1, publishedAt: expect.any(Date), publishedBy: null }
		]);
		const toResolved = result.detail.paths.find((p) => p.outcome === 'resolved');
		expect(toResolved?.edges).toHaveLength(3);
		expect(toResolved?.edges.at(-1)).toBe('details#2');
		expect(detail(trainee, 'rude-call')).toEqual({ ok: false, reason: 'forbidden' });
		expect(detail(trainer, 'no-such-scenario')).toEqual({ ok: false, reason: 'not_found' });
		expect(detail(trainer, 'rude-call', 99)).toEqual({ ok: false, reason: 'no_version' });
		expect(detail(trainer, 'rude-call', 1).ok).toBe(true);
	});
});

describe('replay: which of a state’s transitions a reply took', () => {
	const a = (over: Partial<GuardAssessment> = {}): GuardAssessment => ({
		score: 50,
		dimensions: {},
		violations: [],
		...over
	});
	const calming = a({ dimensions: { empathy: 1 } });
	const hostile = a({ violations: [{ id: 'disrespect', severity: 'critical' }] });

	const compiled = () => compileScenario(scenarios.latest('rude-call')!.document);

	it('tells apart two transitions to the same state by the guard that held first', () => {
		expect(replay(compiled(), 0, [calming, hostile])).toMatchObject({
			edges: ['opening#2', 'venting#0'],
			state: 'still_angry',
			done: false
		});
		expect(replay(compiled(), 0, [calming, a()]).edges).toEqual(['opening#2', 'venting#3']);
	});

	it('counts no edge for the reply the reply limit cut short', () => {
		// Calming and plain replies in turn keep the customer between venting and still angry.
		const replies = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? calming : a()));
		const played = replay(compiled(), 0, replies);
		expect(played.done).toBe(true);
		expect(played.state).toBe(compiled().timeoutState);
		expect(played.edges).toHaveLength(7);
		expect(played.edges.slice(0, 3)).toEqual(['opening#2', 'venting#3', 'still_angry#2']);
	});

	it('stops at the ending and ignores replies after it', () => {
		expect(replay(compiled(), 0, [hostile, calming, calming])).toMatchObject({
			edges: ['opening#0'],
			state: 'hung_up',
			done: true
		});
	});
});
