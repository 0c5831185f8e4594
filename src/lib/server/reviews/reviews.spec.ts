import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as attempts from '../attempts';
import * as audit from '../audit';
import type { SessionUser } from '../auth';
import { getDb } from '../db';
import { auditLog, ledgerEntries, turns } from '../db/schema';
import * as ledger from '../ledger';
import {
	asSession,
	assignCertification,
	makeMember,
	makeTeam,
	makeUser,
	publishLibrary
} from '../testing/factories';
import * as reviews from '.';

const rude = 'Calm down. Are you stupid? That is your own fault.';
const violations = [
	'blame_shift',
	'ask_customer_to_decide',
	'brush_off',
	'disrespect',
	'unauthorized_promise',
	'slang'
];
/** A complete review of a first reply: its expected dimensions and every violation. */
const labels = (present: string[] = []) => ({
	dimensions: {
		greeting: 'not_shown' as const,
		listening: 'not_shown' as const,
		empathy: 'not_shown' as const,
		apology: 'not_shown' as const
	},
	violations: Object.fromEntries(violations.map((v) => [v, present.includes(v)]))
});

let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
let trainer: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
	publishLibrary();
	team = await makeTeam('Reviewed');
	other = await makeTeam('Elsewhere');
	trainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
});

function play(user: SessionUser, mode: 'practice' | 'certification', text = rude) {
	const { attempt } = attempts.start(user, 'rude-call', mode)!;
	attempts.reply(user, attempt.id, 0, text);
	const turn = getDb()
		.select()
		.from(turns)
		.where(eq(turns.attemptId, attempt.id))
		.all()
		.find((t) => t.speaker === 'trainee')!;
	return { attemptId: attempt.id, turn };
}

describe('reviews of single replies', () => {
	it('records a trainer’s review beside the assessment, shows where they differ, and audits it', async () => {
		const trainee = await makeMember(team.team.id);
		const { attemptId, turn } = play(trainee, 'practice');
		const review = reviews.recordReview(trainer, turn.id, {
			labels: labels(['disrespect']),
			comment: '  Rude, but not blaming anyone.  '
		});
		expect(review.comment).toBe('Rude, but not blaming anyone.');
		// The automatic assessment is untouched.
		const after = getDb().select().from(turns).where(eq(turns.id, turn.id)).get()!;
		expect(after.assessment).toEqual(turn.assessment);
		// The trainee reads it, with the reviewer's name and where the two differ.
		const [seen] = reviews.reviewsOfAttempt(trainee, attemptId)!.get(turn.id)!;
		expect(seen.reviewer).toBe(trainer.displayName);
		expect(seen.comment).toBe('Rude, but not blaming anyone.');
		const scorerSaidBlame = turn.assessment!.violations.some(
			(v) => v.id === 'blame_shift' && !v.uncertain
		);
		expect(seen.differs.includes('violation:blame_shift')).toBe(scorerSaidBlame);
		const rows = getDb().select().from(auditLog).where(eq(auditLog.action, 'review.record')).all();
		expect(rows.map((r) => JSON.parse(r.payload).turn)).toContain(turn.id);
		expect(audit.verify()).toBeNull();
	});

	it('refuses a review out of scope, by the trainee, twice, incomplete, or of a running certification', async () => {
		const trainee = await makeMember(team.team.id);
		const { turn } = play(trainee, 'practice', 'Hello, I am sorry.');
		const refused = (actor: SessionUser, id = turn.id, l = labels()) => {
			try {
				reviews.recordReview(actor, id, { labels: l, comment: '' });
				return null;
			} catch (e) {
				return (e as reviews.ReviewRefused).reason;
			}
		};
		expect(refused(other.supervisor)).toBe('not_found');
		expect(refused(trainee)).toBe('not_allowed');
		expect(refused(trainer, 999_999)).toBe('not_found');
		const partial = labels();
		delete (partial.violations as Record<string, boolean>).slang;
		expect(refused(trainer, turn.id, partial)).toBe('incomplete');
		expect(refused(team.supervisor)).toBeNull();
		expect(refused(team.supervisor)).toBe('already_reviewed');
		expect(reviews.reviewStatus('already_reviewed')).toBe(409);

		const certified = await makeMember(team.team.id);
		assignCertification(certified.id);
		const { attempt } = attempts.start(certified, 'rude-call', 'certification')!;
		attempts.reply(certified, attempt.id, 0, 'Hello, I am sorry.');
		const running = getDb()
			.select()
			.from(turns)
			.where(eq(turns.attemptId, attempt.id))
			.all()
			.find((t) => t.speaker === 'trainee')!;
		expect(refused(trainer, running.id)).toBe('not_finished');
	});
});

describe('the review queue', () => {
	async function held() {
		const trainee = await makeMember(team.team.id);
		assignCertification(trainee.id);
		play(trainee, 'certification');
		const item = reviews.queueFor(team.supervisor).find((q) => q.employee.id === trainee.id)!;
		return { trainee, item };
	}

	it('lists held entries to the people who manage the employee, and nobody else', async () => {
		const { trainee, item } = await held();
		expect(item).toMatchObject({ status: 'pending', reason: 'needs_review' });
		expect(item.points).toBeLessThan(0);
		expect(reviews.queueFor(other.supervisor).some((q) => q.employee.id === trainee.id)).toBe(
			false
		);
		expect(reviews.queueFor(trainer)).toEqual([]);
		expect(reviews.queueFor(trainee)).toEqual([]);
	});

	it('rejects a held entry: it closes with no points, and a settled item cannot be decided again', async () => {
		const { trainee, item } = await held();
		const outcome = reviews.decide(team.supervisor, item.id, 'reject', 'Firm, not rude.');
		expect(outcome.entry.status).toBe('dismissed');
		expect(outcome.item).toMatchObject({ status: 'rejected', decidedBy: team.supervisor.id });
		const lines = ledger.forUser(trainee, trainee.id)!;
		expect(ledger.balance(lines)).toBe(
			lines.filter((l) => l.counted).reduce((n, l) => n + l.points, 0)
		);
		expect(lines.find((l) => l.id === item.entryId)?.counted).toBe(false);
		const before = getDb()
			.select()
			.from(ledgerEntries)
			.where(eq(ledgerEntries.id, item.entryId))
			.get();
		expect(() => reviews.decide(team.supervisor, item.id, 'confirm', 'changed my mind')).toThrow(
			ledger.LedgerRefused
		);
		expect(
			getDb().select().from(ledgerEntries).where(eq(ledgerEntries.id, item.entryId)).get()
		).toEqual(before);
		// At the database too: a dismissed entry is final.
		expect(() =>
			getDb()
				.$client.prepare(`update ledger_entries set status = 'proposed' where id = ?`)
				.run(item.entryId)
		).toThrow(/final/);
	});

	it('refuses a decision outside one’s scope or without a reason, and changes nothing', async () => {
		const { item } = await held();
		const reason = (f: () => unknown) => {
			try {
				f();
				return null;
			} catch (e) {
				return (e as reviews.ReviewRefused).reason;
			}
		};
		expect(reason(() => reviews.decide(other.supervisor, item.id, 'reject', 'no'))).toBe(
			'not_found'
		);
		expect(reason(() => reviews.decide(team.supervisor, item.id, 'reject', '   '))).toBe(
			'reason_required'
		);
		expect(reason(() => reviews.decide(admin, 424242, 'reject', 'no'))).toBe('not_found');
		expect(reviews.queueFor(admin).find((q) => q.id === item.id)?.status).toBe('pending');
	});
});
