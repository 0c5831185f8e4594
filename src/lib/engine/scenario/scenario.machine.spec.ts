import fc from 'fast-check';
import { getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { lintScenario } from './lint';
import { sendReply, startAttempt, type CompiledScenario } from './scenario.machine';
import type { GuardAssessment } from './guards';
import { compileFile, criticalIds, reply } from './testing/helpers';

const files = {
	rude: 'scenarios/rude-call.yaml',
	fee: 'scenarios/disputed-fee.yaml',
	late: 'scenarios/missed-appointment.yaml',
	subsidy: 'scenarios/subsidy-claim.yaml'
};

function play(compiled: CompiledScenario, replies: GuardAssessment[]) {
	let { snapshot, step } = startAttempt(compiled, 7);
	for (const assessment of replies) {
		expect(step.done).toBe(false);
		// The server stores snapshots as JSON: every turn goes through that round trip.
		({ snapshot, step } = sendReply(compiled, JSON.parse(JSON.stringify(snapshot)), assessment));
	}
	return step;
}

const calm = reply(['greeting', 'empathy', 'apology']);
const listen = reply(['listening', 'empathy']);
const plan = reply(['solution', 'commitment']);
const policy = reply(['compliance', 'listening']);
const empty = reply([]);
const bad = (id: string) => reply([], [id]);

// Hand-built shortest paths to every outcome of every reference scenario.
const cases: [keyof typeof files, string, string, GuardAssessment[]][] = [
	['rude', 'calm, then specifics', 'resolved', [calm, listen, plan]],
	['rude', 'insult at once', 'customer_hung_up', [bad('disrespect')]],
	['rude', 'brush-off, then another', 'escalated_public', [bad('brush_off'), bad('brush_off')]],
	['rude', 'no help twice', 'escalated_supervisor', [empty, empty, empty]],
	[
		'rude',
		'promise beyond authority',
		'escalated_supervisor',
		[calm, listen, bad('unauthorized_promise')]
	],
	[
		'rude',
		'going round in circles',
		'timed_out',
		[empty, calm, empty, calm, empty, calm, empty, calm]
	],
	['fee', 'hear, quote the schedule, date the refund', 'resolved', [listen, policy, plan]],
	[
		'fee',
		'blame the installer twice',
		'escalated_public',
		[bad('blame_shift'), bad('blame_shift')]
	],
	['fee', 'vague answers', 'escalated_supervisor', [listen, empty, empty]],
	['fee', 'two vague answers', 'escalated_supervisor', [empty, empty]],
	['late', 'apologise, new time, gift under the rules', 'resolved', [calm, plan, policy]],
	['late', 'blame the contractor', 'escalated_public', [bad('blame_shift'), empty]],
	['late', 'brush-off', 'escalated_supervisor', [calm, bad('brush_off')]],
	['late', 'no apology, no time', 'escalated_supervisor', [empty, empty]],
	['late', 'vague twice', 'customer_hung_up', [calm, empty, empty]],
	[
		'subsidy',
		'apologise, explain, owner and deadline, callback',
		'resolved',
		[calm, policy, plan, plan]
	],
	['subsidy', 'mock the customer', 'escalated_public', [bad('disrespect')]],
	[
		'subsidy',
		'promise compensation',
		'escalated_supervisor',
		[calm, policy, bad('unauthorized_promise')]
	],
	['subsidy', 'ignore it', 'escalated_public', [empty, empty]]
];

describe('reference scenarios', () => {
	const compiled = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, compileFile(f)]));

	it.each(cases)('%s: %s ends %s', (key, _name, outcome, replies) => {
		expect(play(compiled[key], replies).outcome).toBe(outcome);
	});

	it.each(Object.keys(files))(
		'%s: each outcome the lint reports is reached by replaying its path',
		(key) => {
			const report = lintScenario(compiled[key]);
			expect(report.problems).toEqual([]);
			expect(new Set(report.paths.map((p) => p.outcome)).size).toBeGreaterThanOrEqual(3);
			expect(report.paths.map((p) => p.outcome)).toContain('resolved');
			expect(report.paths.map((p) => p.outcome)).toContain('escalated_public');
			expect(Object.keys(compiled[key].scenario.states).length).toBeGreaterThanOrEqual(6);
		}
	);

	it('records mood, turn and the last assessment in the context', () => {
		const c = compiled.rude;
		const start = startAttempt(c);
		expect(start.step).toMatchObject({ state: 'opening', mood: 25, turn: 0, done: false });
		const next = sendReply(c, start.snapshot, calm);
		expect(next.step).toMatchObject({ state: 'venting', mood: 45, turn: 1 });
		expect((next.snapshot as unknown as { context: { last: unknown } }).context.last).toEqual(calm);
	});

	it('computes a pure transition without starting an actor', () => {
		const c = compiled.rude;
		const initial = c.machine.resolveState({
			value: 'details',
			context: { mood: 50, turn: 2, seed: 0, last: null }
		});
		const next = getNextSnapshot(c.machine, initial, { type: 'reply.submitted', assessment: plan });
		expect(next.value).toBe('resolved');
		expect(next.status).toBe('done');
		expect(next.context).toMatchObject({ mood: 75, turn: 3 });
	});

	it('picks customer line variants deterministically from the seed', () => {
		const c = compiled.rude;
		const lines = (seed: number) => startAttempt(c, seed).step.customer?.en;
		expect(lines(1)).toBe(lines(1));
		const seen = new Set(Array.from({ length: 20 }, (_, seed) => lines(seed)));
		expect(seen.size).toBe(2);
	});

	it('ends with the turn limit when the conversation would otherwise go on', () => {
		const c = compiled.rude;
		const step = play(
			c,
			Array.from({ length: c.scenario.maxTurns }, (_, i) => (i % 2 ? calm : empty))
		);
		expect(step).toMatchObject({ done: true, outcome: 'timed_out', turn: c.scenario.maxTurns });
		expect(step.outcomeText?.zh).toMatch(/\p{Script=Han}/u);
	});
});

const assessment = fc.record({
	score: fc.integer({ min: 0, max: 100 }),
	dimensions: fc.record(
		Object.fromEntries(
			['greeting', 'listening', 'empathy', 'apology', 'solution', 'commitment', 'compliance'].map(
				(d) => [d, fc.double({ min: 0, max: 1, noNaN: true })]
			)
		)
	),
	violations: fc
		.uniqueArray(fc.constantFrom(...criticalIds, 'slang'), { maxLength: 3 })
		.map((ids) =>
			ids.map((id) => ({
				id,
				severity: id === 'slang' ? ('minor' as const) : ('critical' as const)
			}))
		)
});

describe('any sequence of replies', () => {
	it.each(Object.entries(files))(
		'%s always ends within maxTurns, never stuck, never throws',
		(_key, file) => {
			const c = compileFile(file);
			fc.assert(
				fc.property(
					fc.array(assessment, {
						minLength: c.scenario.maxTurns,
						maxLength: c.scenario.maxTurns + 3
					}),
					fc.nat(),
					(replies, seed) => {
						let { snapshot, step } = startAttempt(c, seed);
						for (const a of replies) {
							if (step.done) break;
							expect(step.customer).not.toBeNull();
							({ snapshot, step } = sendReply(c, snapshot, a as GuardAssessment));
						}
						expect(step.done).toBe(true);
						expect(step.turn).toBeLessThanOrEqual(c.scenario.maxTurns);
						expect(step.outcome).not.toBeNull();
					}
				),
				{ numRuns: 300 }
			);
		}
	);
});
