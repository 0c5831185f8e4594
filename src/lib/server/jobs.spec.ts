import { describe, expect, it, beforeAll } from 'vitest';
import * as attempts from './attempts';
import { getDb } from './db';
import { ledgerEntries, periodCloses } from './db/schema';
import { runJobs } from './jobs';
import * as ledger from './ledger';
import { assignCertification, makeMember, makeTeam, publishLibrary } from './testing/factories';

beforeAll(() => {
	publishLibrary();
});

const snapshot = () => ({
	entries: getDb().select().from(ledgerEntries).all(),
	closes: getDb().select().from(periodCloses).all()
});

describe('scheduled jobs', () => {
	it('close the month at its end in the company’s time zone, once, and running twice changes nothing', async () => {
		const { team } = await makeTeam('Jobs');
		const onTime = await makeMember(team.id);
		const late = await makeMember(team.id);
		// Due at 23:00 Shanghai time on 31 March, which is 15:00 UTC: a March assignment.
		const dueAt = new Date('2026-03-31T15:00:00Z');
		for (const user of [onTime, late]) assignCertification(user.id, 'rude-call', dueAt);
		const play = (user: typeof onTime, at: Date) => {
			const { attempt } = attempts.start(user, 'rude-call', 'certification', at)!;
			attempts.reply(user, attempt.id, 0, 'Calm down, are you stupid?', { now: at });
		};
		play(onTime, new Date('2026-03-31T14:00:00Z'));
		play(late, new Date('2026-03-31T16:30:00Z')); // 00:30 on 1 April in Shanghai

		// 23:30 on 31 March in Shanghai: March has not ended there.
		expect(runJobs(new Date('2026-03-31T15:30:00Z')).closedPeriods).not.toContain('2026-03');
		// 00:30 on 1 April in Shanghai (still 31 March in UTC): March closes.
		const first = runJobs(new Date('2026-03-31T16:30:00Z'));
		expect(first.closedPeriods).toContain('2026-03');
		const rewarded = getDb()
			.select()
			.from(ledgerEntries)
			.all()
			.filter((e) => e.period === '2026-03' && e.attemptId === null);
		expect(rewarded.map((e) => e.userId)).toEqual([onTime.id]);
		expect(ledger.forUser(onTime, onTime.id)!.find((l) => l.clause.code === 'R-04')).toMatchObject({
			points: 15,
			period: '2026-03',
			status: 'proposed'
		});

		const before = snapshot();
		const second = runJobs(new Date('2026-03-31T16:30:00Z'));
		expect(second).toEqual({ confirmed: 0, closedPeriods: [] });
		expect(snapshot()).toEqual(before);
	});

	it('auto-confirms what is due, and a second run finds nothing more', async () => {
		const { team } = await makeTeam('Jobs2');
		const user = await makeMember(team.id);
		assignCertification(user.id);
		const at = new Date('2026-05-04T10:00:00Z');
		const { attempt } = attempts.start(user, 'rude-call', 'certification', at)!;
		attempts.reply(user, attempt.id, 0, 'Calm down, are you stupid?', { now: at });
		const later = new Date('2026-05-12T10:00:00Z');
		expect(runJobs(later).confirmed).toBeGreaterThan(0);
		const before = snapshot();
		expect(runJobs(later).confirmed).toBe(0);
		expect(snapshot()).toEqual(before);
	});
});
