/**
 * The review loop in the demo: practice replies to sample from, a closed calibration session in
 * which three people graded them (mostly agreeing, with a few disagreements to discuss), and two
 * reviews of single replies. Runs once: nothing happens when a session exists.
 */
import { eq } from 'drizzle-orm';
import { scorerLabels } from '../engine/calibration/from-assessment';
import type { Labels } from '../engine/calibration/labels';
import * as attempts from './attempts';
import type { SessionUser } from './auth';
import * as calibration from './calibration';
import { rubricCriteria } from './calibration/status';
import { getDb } from './db';
import { calibrationItems, calibrationSessions, turns } from './db/schema';
import * as reviews from './reviews';
import * as users from './users';

const DAY = 24 * 60 * 60 * 1000;

/** Opening replies to the rude caller, written for the demo: good, poor and in between. */
const openings: { who: 'trainee1' | 'trainee2'; text: string }[] = [
	{
		who: 'trainee1',
		text: '郑先生您好，我是客服小林。让您打了三次电话还没结果，真的很抱歉，这次由我跟到底。'
	},
	{ who: 'trainee2', text: '您先别激动，有什么问题慢慢说。' },
	{ who: 'trainee1', text: '公司好好的，您想多了。电视的事您得去问物流。' },
	{ who: 'trainee2', text: '您好，先跟您道个歉。能告诉我订单号吗？我马上查。' },
	{ who: 'trainee1', text: '嗯……那个……我也不太清楚，要不您再等等看？' },
	{ who: 'trainee2', text: '您这种情况很多人都遇到过，没什么大不了的。' },
	{
		who: 'trainee1',
		text: "Good afternoon Mr Zheng, Lin speaking. Three calls and no answer is not acceptable, and I'm sorry. I'll own this from here."
	},
	{
		who: 'trainee2',
		text: "Sir, there's no need to shout. The delivery team handles that, not me."
	},
	{
		who: 'trainee1',
		text: 'Hello, I understand how frustrating this must be. Could you give me the order number so I can check?'
	},
	{ who: 'trainee2', text: "Well, if you'd read the confirmation email you'd know it's delayed." },
	{ who: 'trainee1', text: "Um, yeah, so like, it's probably coming, I guess?" },
	{
		who: 'trainee2',
		text: "Hello Mr Zheng, I'm sorry about this. I'll send you a free TV stand to make up for it."
	}
];

/** A grader's answer: the scorer's view of the reply, changed where this person judged otherwise. */
function answerFrom(scorer: Labels, change: Record<string, boolean> = {}): Labels {
	return {
		dimensions: Object.fromEntries(
			Object.entries(scorer.dimensions).filter(([, v]) => v !== 'not_needed')
		),
		violations: { ...scorer.violations, ...change }
	};
}

export function seedCalibration(now = new Date()) {
	const db = getDb();
	if (db.select({ id: calibrationSessions.id }).from(calibrationSessions).get()) return false;
	const person = (name: string): SessionUser | null => {
		const u = users.getByUsername(name);
		return u
			? {
					id: u.id,
					username: u.username,
					displayName: u.displayName,
					role: u.role,
					teamId: u.teamId,
					locale: u.locale
				}
			: null;
	};
	const trainer = person('trainer1');
	const supervisor = person('supervisor1');
	const admin = person('admin1');
	const trainees = { trainee1: person('trainee1'), trainee2: person('trainee2') };
	if (!trainer || !supervisor || !admin || !trainees.trainee1 || !trainees.trainee2) return false;

	openings.forEach(({ who, text }, i) => {
		const at = new Date(now.getTime() - (30 - i) * DAY);
		const { attempt } = attempts.start(trainees[who]!, 'rude-call', 'practice', at)!;
		attempts.reply(trainees[who]!, attempt.id, 0, text, { now: new Date(at.getTime() + 60_000) });
	});

	const madeAt = new Date(now.getTime() - 9 * DAY);
	const { session } = calibration.createSession(
		trainer,
		{
			title: '十月校准 · October calibration',
			size: 40,
			graderIds: [supervisor.id, admin.id],
			seed: 1031
		},
		madeAt
	);
	const items = db
		.select({ item: calibrationItems, text: turns.text })
		.from(calibrationItems)
		.innerJoin(turns, eq(calibrationItems.turnId, turns.id))
		.where(eq(calibrationItems.sessionId, session.id))
		.all();
	// The graders mostly agree with the scorer. The supervisor alone judges "no need to shout"
	// otherwise than the scorer on disrespect; the supervisor and the admin both hear a
	// condescending shrug in "nothing unusual about it" (the consensus differs from the scorer:
	// something to discuss); the admin alone judges the hesitant reply otherwise on filler.
	const said = (text: string | null, part: string) => text?.includes(part) ?? false;
	for (const { item, text } of items) {
		const at = new Date(madeAt.getTime() + DAY);
		const supervisorSays: Record<string, boolean> = {};
		const adminSays: Record<string, boolean> = {};
		if (said(text, 'no need to shout'))
			supervisorSays.disrespect = !item.scorer.violations.disrespect;
		if (said(text, '没什么大不了')) supervisorSays.disrespect = adminSays.disrespect = true;
		if (said(text, '我也不太清楚')) adminSays.slang = !item.scorer.violations.slang;
		calibration.answer(trainer, item.id, answerFrom(item.scorer), at);
		calibration.answer(supervisor, item.id, answerFrom(item.scorer, supervisorSays), at);
		calibration.answer(admin, item.id, answerFrom(item.scorer, adminSays), at);
	}
	calibration.closeSession(trainer, session.id, new Date(madeAt.getTime() + 2 * DAY));

	// Two reviews of single replies, with comments the trainees read.
	const reply = (text: string) =>
		db
			.select({ id: turns.id, assessment: turns.assessment })
			.from(turns)
			.where(eq(turns.text, text))
			.get();
	const shouting = reply(openings[7].text);
	if (shouting?.assessment)
		reviews.recordReview(
			supervisor,
			shouting.id,
			{
				labels: answerFrom(scorerOf(shouting.assessment), { blame_shift: true }),
				comment:
					'不要把客户推给配送团队：先道歉，再说由你来跟进。Do not hand the customer to the delivery team: apologise, then say you will follow it up.'
			},
			new Date(now.getTime() - 6 * DAY)
		);
	const helpful = reply(openings[8].text);
	if (helpful?.assessment)
		reviews.recordReview(
			trainer,
			helpful.id,
			{
				labels: answerFrom(scorerOf(helpful.assessment)),
				comment:
					'很好的开场：先共情，再问具体信息。A good opening: feelings first, then the specifics.'
			},
			new Date(now.getTime() - 5 * DAY)
		);
	return true;
}

/** The scorer's labels of a stored reply, on the newest rubric's criteria. */
function scorerOf(a: NonNullable<(typeof turns.$inferSelect)['assessment']>): Labels {
	const criteria = rubricCriteria();
	return scorerLabels(a, {
		dimensions: criteria.dimensions.map((d) => d.id),
		violations: criteria.violations.map((v) => v.id)
	});
}
