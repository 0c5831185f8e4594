import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Labels } from '../../engine/calibration/labels';
import * as attempts from '../attempts';
import type { SessionUser } from '../auth';
import { getDb } from '../db';
import { calibrationItems } from '../db/schema';
import * as ledger from '../ledger';
import { ReviewRefused } from '../reviews';
import {
	asSession,
	assignCertification,
	makeMember,
	makeTeam,
	makeUser,
	publishLibrary
} from '../testing/factories';
import * as calibration from '.';

const rudeReplies = [
	'Calm down. Are you stupid?',
	'Are you stupid? Just calm down.',
	'Calm down, are you stupid or something?'
];
const politeReplies = [
	'Hello Mr Zheng, I am so sorry you have had to wait.',
	'Good morning, I apologise for the trouble with your delivery.',
	'Hello, thank you for calling, I am sorry about the missed delivery.'
];

let team: Awaited<ReturnType<typeof makeTeam>>;
let trainer: SessionUser;
let admin: SessionUser;
let trainee: SessionUser;

beforeAll(async () => {
	publishLibrary();
	team = await makeTeam('Calibrated');
	trainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
	trainee = await makeMember(team.team.id);
});

function practise(text: string, user = trainee) {
	const { attempt } = attempts.start(user, 'rude-call', 'practice')!;
	attempts.reply(user, attempt.id, 0, text);
}

/** A complete answer for a first reply: nothing shown, disrespect as given, no other problem. */
const answerWith = (disrespect: boolean): Labels => ({
	dimensions: {
		greeting: 'not_shown',
		listening: 'not_shown',
		empathy: 'not_shown',
		apology: 'not_shown'
	},
	violations: {
		blame_shift: false,
		ask_customer_to_decide: false,
		brush_off: false,
		disrespect,
		unauthorized_promise: false,
		slang: false
	}
});

const refusal = (f: () => unknown) => {
	try {
		f();
		return null;
	} catch (e) {
		if (!(e instanceof ReviewRefused)) throw e;
		return e.reason;
	}
};

describe('a calibration session with three graders', () => {
	it('samples the replies, keeps graders blind, forms the consensus and matches the figures computed by hand', async () => {
		for (const text of [...rudeReplies, ...politeReplies]) practise(text);
		const { session, items } = calibration.createSession(trainer, {
			title: 'November, week 1',
			size: 6,
			graderIds: [team.supervisor.id, admin.id],
			seed: 7
		});
		expect(items).toBe(6);
		const open = calibration.sessionView(team.supervisor, session.id);
		expect(open.isGrader).toBe(true);
		// Blind: neither the scorer's labels nor the consensus while the session is open.
		expect(open.items.every((i) => !('scorer' in i) && !('consensus' in i))).toBe(true);
		const isRude = (text: string) => rudeReplies.includes(text);
		for (const item of open.items) expect(rudeReplies.concat(politeReplies)).toContain(item.text);

		// The scorer flags the three rude replies. The graders, item by item in the table below
		// (r1-r3 rude, p1-p3 polite): owner = trainer.
		//            r1  r2  r3  p1  p2  p3
		// scorer      T   T   T   F   F   F
		// supervisor  T   T   F   F   F   F
		// admin       T   T   F   F   T   F
		// trainer     T   F   F   F   T   F
		// consensus   T   T   F   F   T   F
		const plan: Record<string, [boolean, boolean, boolean]> = {
			[rudeReplies[0]]: [true, true, true],
			[rudeReplies[1]]: [true, true, false],
			[rudeReplies[2]]: [false, false, false],
			[politeReplies[0]]: [false, false, false],
			[politeReplies[1]]: [false, true, true],
			[politeReplies[2]]: [false, false, false]
		};
		for (const item of open.items) {
			const [s, a, t] = plan[item.text];
			calibration.answer(team.supervisor, item.id, answerWith(s));
			calibration.answer(admin, item.id, answerWith(a));
			calibration.answer(trainer, item.id, answerWith(t));
		}
		expect(refusal(() => calibration.answer(admin, open.items[0].id, answerWith(true)))).toBe(
			'already_answered'
		);
		expect(refusal(() => calibration.answer(trainee, open.items[0].id, answerWith(true)))).toBe(
			'not_found'
		);
		expect(refusal(() => calibration.closeSession(team.supervisor, session.id))).toBe(
			'not_allowed'
		);

		calibration.closeSession(trainer, session.id);
		const closed = calibration.sessionView(team.supervisor, session.id);
		for (const item of closed.items) {
			expect(item.scorer?.violations.disrespect).toBe(isRude(item.text));
			expect(item.consensus?.violations.disrespect).toBe(
				plan[item.text].filter(Boolean).length >= 2
			);
		}
		const stats = closed.report!.criteria.find(
			(c) => c.criterion === 'violation:disrespect' && c.lang === 'en'
		)!;
		// Scorer against consensus: agree on r1, r2, p1, p3 → p_o = 4/6. Each says yes 3 times in 6,
		// so p_e = 0.5·0.5 + 0.5·0.5 = 0.5 and κ = (4/6 − 0.5) / (1 − 0.5) = 1/3. Of the scorer's
		// three yes, the consensus says yes to two: precision 2/3.
		expect(stats.items).toBe(6);
		expect(stats.agreement).toBeCloseTo(4 / 6, 9);
		expect(stats.kappa).toBeCloseTo(1 / 3, 9);
		expect(stats.precision).toBeCloseTo(2 / 3, 9);
		// Among the graders (Krippendorff's α, coincidence matrix): o_TT = 3 + 1 + 1 = 5,
		// o_FF = 3 + 3 + 3 = 9, o_TF = o_FT = 2 (r2 and p2), n = 18, n_T = 7, n_F = 11:
		// α = 1 − (4/18) / (2·7·11 / (18·17)) = 43/77.
		expect(stats.alpha).toBeCloseTo(43 / 77, 9);
		const byName = new Map(closed.report!.graders.map((g) => [g.name, g]));
		// The supervisor marked fewer problems than the consensus: more lenient (negative).
		expect(byName.get(team.supervisor.displayName)!.violationBias).toBeLessThan(0);
		expect(closed.report!.disagreements.some((d) => d.criterion === 'violation:disrespect')).toBe(
			true
		);
		expect(refusal(() => calibration.answer(admin, open.items[0].id, answerWith(true)))).toBe(
			'session_closed'
		);
		// Six items are not enough to trust the scorer alone.
		expect(calibration.statusOf(getDb(), 'disrespect', 'en')).toBe('needs_review');
	});

	it('refuses a session with no replies to sample, and a close with a tie the owner has not settled', async () => {
		const empty = await makeTeam('Empty');
		expect(
			refusal(() =>
				calibration.createSession(empty.supervisor, { title: 'x', size: 5, graderIds: [] })
			)
		).toBe('no_items');
		expect(
			refusal(() => calibration.createSession(trainee, { title: 'x', size: 5, graderIds: [] }))
		).toBe('not_allowed');

		practise('Hello, sorry, I will check.');
		const { session } = calibration.createSession(admin, {
			title: 'Tie',
			size: 1,
			graderIds: [team.supervisor.id, trainer.id]
		});
		const [item] = calibration.sessionView(admin, session.id).items;
		calibration.answer(team.supervisor, item.id, answerWith(true));
		calibration.answer(trainer, item.id, answerWith(false));
		try {
			calibration.closeSession(admin, session.id);
			throw new Error('closed');
		} catch (e) {
			expect((e as ReviewRefused).reason).toBe('ties');
			expect((e as ReviewRefused).detail).toEqual({ items: [1] });
		}
		calibration.answer(admin, item.id, answerWith(false));
		expect(calibration.closeSession(admin, session.id).status).toBe('closed');
		const consensus = getDb()
			.select()
			.from(calibrationItems)
			.where(eq(calibrationItems.id, item.id))
			.get()!.consensus;
		expect(consensus?.violations.disrespect).toBe(false);
	});
});

describe('penalties gated by proven agreement', () => {
	it('turns a criterion automatic after enough agreeing items, and the next finding proposes directly', async () => {
		const before = await makeMember(team.team.id);
		assignCertification(before.id);
		const first = attempts.start(before, 'rude-call', 'certification')!.attempt;
		attempts.reply(before, first.id, 0, rudeReplies[0]);
		expect(ledger.forUser(before, before.id)!.find((l) => l.clause.code === 'P-01')?.status).toBe(
			'awaiting_review'
		);

		// 40 English replies, half rude, graded by three people who agree with the scorer.
		for (let i = 0; i < 20; i++) {
			practise(`${rudeReplies[i % 3]} (${i})`);
			practise(`${politeReplies[i % 3]} (${i})`);
		}
		const { session } = calibration.createSession(trainer, {
			title: 'Enough to trust',
			size: 40,
			graderIds: [team.supervisor.id, admin.id]
		});
		const rows = getDb()
			.select()
			.from(calibrationItems)
			.where(eq(calibrationItems.sessionId, session.id))
			.all();
		for (const row of rows)
			for (const grader of [trainer, team.supervisor, admin])
				calibration.answer(grader, row.id, {
					dimensions: Object.fromEntries(
						Object.entries(row.scorer.dimensions).filter(([, v]) => v !== 'not_needed')
					),
					violations: row.scorer.violations
				});
		calibration.closeSession(trainer, session.id);
		const row = calibration
			.criterionTable()
			.find((r) => r.criterion === 'disrespect' && r.lang === 'en')!;
		expect(row.items).toBeGreaterThanOrEqual(30);
		expect(row.kappa).toBeGreaterThanOrEqual(0.8);
		expect(row.status).toBe('automatic');
		// Chinese has no calibrated items yet: it still needs review.
		expect(calibration.statusOf(getDb(), 'disrespect', 'zh')).toBe('needs_review');

		const after = await makeMember(team.team.id);
		assignCertification(after.id);
		const next = attempts.start(after, 'rude-call', 'certification')!.attempt;
		attempts.reply(after, next.id, 0, rudeReplies[0]);
		const line = ledger.forUser(after, after.id)!.find((l) => l.clause.code === 'P-01')!;
		expect(line).toMatchObject({ status: 'proposed', counted: true, reviewedBy: null });
	});
});
