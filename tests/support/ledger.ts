import { eq } from 'drizzle-orm';
import * as attempts from '../../src/lib/server/attempts';
import type { SessionUser } from '../../src/lib/server/auth';
import * as criteria from '../../src/lib/server/criteria';
import { getDb } from '../../src/lib/server/db';
import {
	disputes,
	ledgerEntries,
	reviewQueue,
	teams,
	type User
} from '../../src/lib/server/db/schema';
import * as reviews from '../../src/lib/server/reviews';
import * as ledger from '../../src/lib/server/ledger';
import * as users from '../../src/lib/server/users';
import { assignCertification, freshUser } from './fixtures';

export const session = (u: User): SessionUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	teamId: u.teamId,
	locale: u.locale
});

/** A team with its supervisor and one trainee, made straight in the test database. */
export async function teamWithMember(label: string) {
	const supervisor = await freshUser('supervisor');
	const team = getDb()
		.insert(teams)
		.values({ name: `${label} ${supervisor.id}-${process.pid}`, supervisorId: supervisor.id })
		.returning()
		.get();
	return { team, supervisor: session(supervisor), member: await memberOf(team.id) };
}

/** A new trainee in a team (the monthly caps make each fresh person a clean slate). */
export async function memberOf(teamId: number) {
	const member = await freshUser('trainee');
	users.assign('system', member.id, 'trainee', teamId);
	return session({ ...member, teamId });
}

const rude = ['Calm down. Are you stupid?'];
const good = [
	'您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。',
	'我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？',
	'由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。'
];

/** Plays one certification through the real engine and returns the entries it proposed. */
function certify(user: SessionUser, replies: string[]) {
	criteria.acknowledge(user.id);
	assignCertification(user.id);
	const { attempt } = attempts.start(user, 'rude-call', 'certification')!;
	for (const [turn, text] of replies.entries()) attempts.reply(user, attempt.id, turn, text);
	return getDb().select().from(ledgerEntries).where(eq(ledgerEntries.attemptId, attempt.id)).all();
}

/**
 * A proposed penalty: the certification holds it for review (no criterion is proven on a new
 * installation), and an admin confirms it from the queue, as a reviewer would.
 */
export function penaltyOf(user: SessionUser) {
	const held = certify(user, rude).find((e) => e.kind === 'penalty')!;
	const admin = session(users.getByUsername('admin1')!);
	const item = getDb().select().from(reviewQueue).where(eq(reviewQueue.entryId, held.id)).get();
	if (item) reviews.decide(admin, item.id, 'confirm', 'Checked: the finding is right.');
	return getDb().select().from(ledgerEntries).where(eq(ledgerEntries.id, held.id)).get()!;
}
export const rewardOf = (user: SessionUser) =>
	certify(user, good).find((e) => e.kind === 'reward')!;

/** Everything stored about a person's ledger: compared before and after a refused action. */
export function ledgerRows(userId: number) {
	return {
		entries: getDb().select().from(ledgerEntries).where(eq(ledgerEntries.userId, userId)).all(),
		disputes: getDb().select().from(disputes).where(eq(disputes.userId, userId)).all()
	};
}

export { ledger };
