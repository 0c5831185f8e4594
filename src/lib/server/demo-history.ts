import { eq } from 'drizzle-orm';
import * as attempts from './attempts';
import type { SessionUser } from './auth';
import { getDb } from './db';
import { assignments, attempts as attemptTable, users as userTable } from './db/schema';
import * as ledger from './ledger';
import * as reviews from './reviews';
import * as users from './users';

const DAY = 24 * 60 * 60 * 1000;

const plays = {
	rudeGood: [
		'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
		'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
		'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
	],
	rudeBad: ['Calm down. Are you stupid? Complain all you want.'],
	feeGood: [
		'何女士您好，多收费还一直拖着不退，换谁都会生气，非常抱歉。我核对一下：您11月8日装的空调，加长管按铜管收费，实际装的是铝管，对吗？',
		'按公司公示的收费标准，加长铝塑管每米35元，4米应收140元，您多付了240元。',
		'由我负责，我现在发起三方通话核实，退款今天提交，本周五前到账，周五下午我给您回电确认。'
	],
	lateGood: [
		'孙女士，真的非常抱歉让您请了假还白等，换作是我也会着急。',
		'我刚和调度确认，赵师傅11点30分前一定到，由我负责跟进，他出发前会先给您打电话。',
		'按照我们的上门服务规定，迟到超过15分钟我们会赠送一套冰箱除味剂，师傅今天一起带过去。'
	],
	subsidyBlame: ['这是收银员个人的事，您找门店去吧。', '这不归我们管。'],
	feeBlame: [
		'这个钱是安装师傅当场收的，跟我们客服没关系，您自己找他要去。',
		'我刚才已经说过了，这不归我们管。',
		'那您想怎么样？要投诉就去投诉吧。'
	]
};

type Play = {
	who: string;
	scenario: string;
	mode: 'practice' | 'certification';
	daysAgo: number;
	replies: string[];
	/** The supervisor confirms what the certification held for review, a day later. */
	confirmHeld?: true;
};

const history: Play[] = [
	{ who: 'trainee1', scenario: 'rude-call', mode: 'practice', daysAgo: 27, replies: plays.rudeBad },
	{
		who: 'trainee1',
		scenario: 'disputed-fee',
		mode: 'certification',
		daysAgo: 21,
		replies: plays.feeGood
	},
	{
		who: 'trainee1',
		scenario: 'missed-appointment',
		mode: 'practice',
		daysAgo: 16,
		replies: plays.lateGood
	},
	{
		who: 'trainee1',
		scenario: 'subsidy-claim',
		mode: 'certification',
		daysAgo: 3,
		replies: plays.subsidyBlame,
		confirmHeld: true
	},
	{
		who: 'trainee2',
		scenario: 'missed-appointment',
		mode: 'certification',
		daysAgo: 24,
		replies: plays.lateGood
	},
	{
		who: 'trainee2',
		scenario: 'rude-call',
		mode: 'certification',
		daysAgo: 18,
		replies: plays.rudeBad,
		confirmHeld: true
	},
	{
		who: 'trainee2',
		scenario: 'rude-call',
		mode: 'certification',
		daysAgo: 12,
		replies: plays.rudeGood
	},
	{
		who: 'trainee2',
		scenario: 'disputed-fee',
		mode: 'practice',
		daysAgo: 5,
		replies: plays.feeGood
	},
	// Yesterday's certification: its penalty waits in the review queue.
	{
		who: 'trainee2',
		scenario: 'disputed-fee',
		mode: 'certification',
		daysAgo: 1,
		replies: plays.feeBlame
	}
];

/**
 * A few weeks of history for the demo trainees, played through the real engine with dates in the
 * past (certifications against assignments that were due then), so every page has something real:
 * attempts, scores, ledger entries (confirmed, paid, reversed by an offset) and one open dispute.
 * Runs once: nothing happens when the trainees already have attempts.
 */
export function seedHistory(now = new Date()) {
	const db = getDb();
	const people = new Map(
		['trainee1', 'trainee2'].map((name) => {
			const u = users.getByUsername(name);
			return [name, u] as const;
		})
	);
	if ([...people.values()].some((u) => !u)) return false;
	const played = db
		.select({ id: attemptTable.id })
		.from(attemptTable)
		.innerJoin(userTable, eq(attemptTable.userId, userTable.id))
		.where(eq(userTable.username, 'trainee1'))
		.get();
	if (played) return false;

	for (const play of history) {
		const u = people.get(play.who)!;
		const at = new Date(now.getTime() - play.daysAgo * DAY);
		const session: SessionUser = {
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			teamId: u.teamId,
			locale: u.locale
		};
		if (play.mode === 'certification') {
			db.insert(assignments)
				.values({
					userId: u.id,
					scenarioKey: play.scenario,
					mode: 'certification',
					dueAt: new Date(at.getTime() + 3 * DAY)
				})
				.run();
		}
		const { attempt } = attempts.start(session, play.scenario, play.mode, at)!;
		for (const [turn, text] of play.replies.entries()) {
			const result = attempts.reply(session, attempt.id, turn, text, {
				now: new Date(at.getTime() + (turn + 1) * 60_000),
				responseMs: 20_000 + turn * 5_000
			});
			if (result?.done) break;
		}
		const supervisor = users.getByUsername('supervisor1');
		if (play.confirmHeld && supervisor)
			for (const item of reviews.queueFor(supervisor).filter((q) => q.employee.id === u.id))
				reviews.decide(
					supervisor,
					item.id,
					'confirm',
					'Checked against the transcript: the finding is right. 已核对对话记录，判定无误。',
					new Date(at.getTime() + DAY)
				);
	}
	ledger.autoConfirm(now);
	const admin = users.getByUsername('admin1');
	const trainee1 = people.get('trainee1')!;
	const trainee2 = people.get('trainee2')!;
	if (admin) {
		const reward = ledger
			.forUser(admin, trainee2.id, now)!
			.find((l) => l.status === 'confirmed' && l.points > 0 && !l.reversesEntryId);
		if (reward) ledger.markPaid(admin, reward.id, now);
	}
	const recent = ledger
		.forUser(trainee1, trainee1.id, now)!
		.find((l) => l.points < 0 && l.status === 'proposed');
	if (recent)
		ledger.dispute(
			trainee1,
			recent.id,
			'我当时是在复述客户听到的话，不是我自己的说法。I was repeating what the customer had been told.',
			now
		);
	return true;
}
