import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as audit from '../audit';
import { getDb } from '../db';
import { auditLog, criteriaVersions } from '../db/schema';
import { asSession, makeTeam, makeUser, publishLibrary } from '../testing/factories';
import type { SessionUser } from '../auth';
import * as criteria from '.';

let teamA: Awaited<ReturnType<typeof makeTeam>>;
let teamB: Awaited<ReturnType<typeof makeTeam>>;
let admin: SessionUser;

beforeAll(async () => {
	publishLibrary();
	teamA = await makeTeam('A');
	teamB = await makeTeam('B');
	admin = asSession(await makeUser('admin'));
});

const latest = (code: string) => criteria.latest(code)!;
const refused = (reason: string) => expect.objectContaining({ reason });

describe('finding 5: governance of the rulebook', () => {
	it('a supervisor cannot publish a company-wide change, even approved: an admin must', () => {
		const before = latest('P-01');
		const draft = criteria.drafts.create(teamA.supervisor, { code: 'P-01' });
		criteria.drafts.save(teamA.supervisor, draft.id, draft.revision, {
			...draft.document,
			points: 20
		});
		expect(() => criteria.drafts.approve(teamA.supervisor, draft.id)).toThrowError(
			refused('own_draft')
		);
		criteria.drafts.approve(teamB.supervisor, draft.id);
		expect(() => criteria.drafts.publish(teamA.supervisor, draft.id)).toThrowError(
			refused('scope_needs_admin')
		);
		expect(latest('P-01').id).toBe(before.id);
		const row = criteria.drafts.publish(admin, draft.id);
		expect(row).toMatchObject({
			code: 'P-01',
			version: before.version + 1,
			authoredBy: teamA.supervisor.id,
			approvedBy: teamB.supervisor.id,
			publishedBy: admin.id
		});
		const logged = getDb()
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'criteria.publish'))
			.orderBy(desc(auditLog.id))
			.get()!;
		expect(JSON.parse(logged.payload)).toMatchObject({
			authoredBy: teamA.supervisor.id,
			approvedBy: teamB.supervisor.id
		});
		expect(audit.verify()).toBeNull();
	});

	it('a supervisor publishes a clause limited to their own team, once a second person approved it', () => {
		const draft = criteria.drafts.create(teamA.supervisor, { kind: 'reward' });
		expect(draft.code).toMatch(/^R-\d{2}$/);
		const saved = criteria.drafts.save(teamA.supervisor, draft.id, draft.revision, {
			...draft.document,
			title: { zh: '周末值班', en: 'Weekend cover' },
			teams: [teamA.team.name]
		});
		expect(() => criteria.drafts.publish(teamA.supervisor, draft.id)).toThrowError(
			refused('wrong_status')
		);
		criteria.drafts.approve(admin, draft.id);
		expect(() => criteria.drafts.publish(teamB.supervisor, draft.id)).toThrowError(
			refused('scope_needs_admin')
		);
		const row = criteria.drafts.publish(teamA.supervisor, draft.id);
		expect(row.document.teams).toEqual([teamA.team.name]);
		expect(saved.revision).toBe(2);
	});

	it('publishing with no change says so and creates nothing', () => {
		const before = getDb().select().from(criteriaVersions).all().length;
		const draft = criteria.drafts.create(admin, { code: 'R-01' });
		expect(() => criteria.drafts.approve(teamA.supervisor, draft.id)).toThrowError(
			refused('unchanged')
		);
		expect(getDb().select().from(criteriaVersions).all().length).toBe(before);
	});

	it('refuses an edit made over someone else’s newer save', () => {
		const draft = criteria.drafts.create(teamB.supervisor, { code: 'R-02' });
		criteria.drafts.save(teamB.supervisor, draft.id, draft.revision, {
			...draft.document,
			points: 12
		});
		expect(() =>
			criteria.drafts.save(teamB.supervisor, draft.id, draft.revision, {
				...draft.document,
				points: 14
			})
		).toThrowError(refused('stale'));
	});

	it('editing an approved draft withdraws the approval', () => {
		const draft = criteria.drafts.create(teamB.supervisor, { code: 'R-03' });
		const saved = criteria.drafts.save(teamB.supervisor, draft.id, draft.revision, {
			...draft.document,
			capPerMonth: 2
		});
		criteria.drafts.approve(admin, draft.id);
		criteria.drafts.save(teamB.supervisor, draft.id, saved.revision, {
			...draft.document,
			capPerMonth: 3
		});
		expect(criteria.drafts.get(admin, draft.id)).toMatchObject({
			status: 'draft',
			approvedBy: null
		});
	});

	it('keeps points inside the bounds of the kind, with the sign of the kind', () => {
		const draft = criteria.drafts.create(admin, { code: 'P-02' });
		expect(() =>
			criteria.drafts.save(admin, draft.id, draft.revision, { ...draft.document, points: 1000 })
		).toThrowError(refused('invalid'));
		expect(() =>
			criteria.drafts.save(admin, draft.id, draft.revision, {
				...draft.document,
				effectiveFrom: '2026-13-45'
			})
		).toThrowError(refused('invalid'));
	});

	it('keeps trainees and trainers out of drafting altogether', async () => {
		const trainee = asSession(await makeUser('trainee'));
		const trainer = asSession(await makeUser('trainer'));
		const draft = criteria.drafts.create(admin, { code: 'R-04' });
		for (const who of [trainee, trainer]) {
			expect(() => criteria.drafts.create(who, { code: 'R-01' })).toThrowError(
				refused('not_allowed')
			);
			expect(() => criteria.drafts.approve(who, draft.id)).toThrowError(refused('not_found'));
			expect(criteria.drafts.get(who, draft.id)).toBeNull();
		}
	});
});
