import { test, expect, freshUser, sessionTokenFor } from './support/fixtures';
import {
	ledger,
	ledgerRows,
	memberOf,
	penaltyOf,
	rewardOf,
	session,
	teamWithMember
} from './support/ledger';
import type { SessionUser } from '../src/lib/server/auth';

type Actor = 'owner' | 'other trainee' | 'other supervisor' | 'trainer' | 'supervisor' | 'admin';
type Action =
	'dispute' | 'confirm' | 'reverse' | 'pay' | 'accept' | 'partly accept' | 'reject' | 'final';

// What each person gets when they try each ledger action on an entry of the owner, a trainee of
// team B. 200 = done; every other status must leave the ledger exactly as it was.
const expected: Record<Actor, Record<Action, number>> = {
	owner: {
		dispute: 200,
		confirm: 403,
		reverse: 403,
		pay: 403,
		accept: 403,
		'partly accept': 403,
		reject: 403,
		final: 403
	},
	'other trainee': {
		dispute: 404,
		confirm: 403,
		reverse: 403,
		pay: 403,
		accept: 403,
		'partly accept': 403,
		reject: 403,
		final: 403
	},
	'other supervisor': {
		dispute: 404,
		confirm: 404,
		reverse: 404,
		pay: 404,
		accept: 404,
		'partly accept': 404,
		reject: 404,
		final: 404
	},
	trainer: {
		dispute: 403,
		confirm: 403,
		reverse: 403,
		pay: 403,
		accept: 403,
		'partly accept': 403,
		reject: 403,
		final: 403
	},
	supervisor: {
		dispute: 403,
		confirm: 200,
		reverse: 200,
		pay: 200,
		accept: 200,
		'partly accept': 200,
		reject: 200,
		final: 403
	},
	admin: {
		dispute: 403,
		confirm: 200,
		reverse: 200,
		pay: 200,
		accept: 200,
		'partly accept': 200,
		reject: 200,
		final: 200
	}
};

test.describe('every ledger action checks scope on the entry acted on', () => {
	let teamA: Awaited<ReturnType<typeof teamWithMember>>;
	let teamB: Awaited<ReturnType<typeof teamWithMember>>;
	let people: Omit<Record<Actor, SessionUser>, 'owner'>;

	test.beforeAll(async () => {
		teamA = await teamWithMember('Scope A');
		teamB = await teamWithMember('Scope B');
		people = {
			'other trainee': teamA.member,
			'other supervisor': teamA.supervisor,
			trainer: session(await freshUser('trainer')),
			supervisor: teamB.supervisor,
			admin: session(await freshUser('admin'))
		};
	});

	/** The entry or dispute an action needs, in the state where it is possible. */
	function situation(owner: SessionUser, action: Action): Record<string, number> {
		if (action === 'pay') {
			const reward = rewardOf(owner);
			ledger.confirm(teamB.supervisor, reward.id);
			return { entryId: reward.id };
		}
		const penalty = penaltyOf(owner);
		if (action === 'dispute' || action === 'confirm' || action === 'reverse')
			return { entryId: penalty.id };
		const d = ledger.dispute(owner, penalty.id, 'I was quoting the customer.');
		if (action !== 'final') return { disputeId: d.id };
		ledger.rule(teamB.supervisor, d.id, 'rejected', 'The words were the agent’s own.');
		return { disputeId: d.id };
	}

	const forms: Record<Action, (ids: Record<string, number>) => [string, Record<string, string>]> = {
		dispute: (ids) => ['?/dispute', { entryId: String(ids.entryId), reason: 'Not my words.' }],
		confirm: (ids) => ['?/confirm', { entryId: String(ids.entryId) }],
		reverse: (ids) => ['?/reverse', { entryId: String(ids.entryId), reason: 'Withdrawn.' }],
		pay: (ids) => ['?/pay', { entryId: String(ids.entryId) }],
		accept: (ids) => [
			'?/rule',
			{ disputeId: String(ids.disputeId), decision: 'accepted', reason: 'Fair.' }
		],
		'partly accept': (ids) => [
			'?/rule',
			{ disputeId: String(ids.disputeId), decision: 'partial', reason: 'Half.', points: '-5' }
		],
		reject: (ids) => [
			'?/rule',
			{ disputeId: String(ids.disputeId), decision: 'rejected', reason: 'No.' }
		],
		final: (ids) => [
			'?/final',
			{ disputeId: String(ids.disputeId), decision: 'overturned', reason: 'On appeal.' }
		]
	};

	for (const actor of Object.keys(expected) as Actor[])
		for (const action of Object.keys(expected[actor]) as Action[]) {
			const status = expected[actor][action];
			test(`${actor}: ${action} → ${status}`, async ({ request, baseURL }) => {
				const owner = await memberOf(teamB.team.id);
				const ids = situation(owner, action);
				const who = actor === 'owner' ? owner : people[actor];
				// The page is the actor's own member where they have one (the attack of finding 1:
				// a team-A supervisor posts on their own member's page with a team-B entry).
				const page =
					action === 'dispute'
						? '/scorecards'
						: `/scorecards/${actor === 'other supervisor' ? teamA.member.id : owner.id}`;
				const [query, form] = forms[action](ids);
				const before = ledgerRows(owner.id);
				const response = await request.post(page + query, {
					headers: {
						cookie: `auth-session=${sessionTokenFor(who.username)}`,
						origin: baseURL!,
						accept: 'text/html'
					},
					form,
					maxRedirects: 0
				});
				expect(response.status()).toBe(status);
				if (status === 200) expect(ledgerRows(owner.id)).not.toEqual(before);
				else expect(ledgerRows(owner.id)).toEqual(before);
			});
		}
});
