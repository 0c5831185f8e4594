import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from './db';
import { eq } from 'drizzle-orm';
import {
	attempts,
	calibrationGraders,
	calibrationSessions,
	reviewQueue,
	scenarioVersions,
	teams,
	turnReviews,
	users as userTable
} from './db/schema';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from './seed';
import * as users from './users';

describe('demo seed', () => {
	it('creates the team and five accounts once, and changes nothing when run again', async () => {
		const first = await seedDemo();
		expect(first.created.sort()).toEqual([
			'admin1',
			'supervisor1',
			'trainee1',
			'trainee2',
			'trainer1'
		]);
		const snapshot = getDb().select().from(userTable).all();

		const second = await seedDemo();
		expect(second.created).toEqual([]);
		expect(getDb().select().from(userTable).all()).toEqual(snapshot);
		expect(getDb().select().from(teams).all()).toHaveLength(1);

		const team = getDb().select().from(teams).get();
		expect(team?.supervisorId).toBe(users.getByUsername('supervisor1')?.id);
		expect(users.getByUsername('trainee1')?.teamId).toBe(team?.id);
		const login = await users.authenticate('trainee1', DEFAULT_DEMO_PASSWORD, '127.0.0.9');
		expect(login).toMatchObject({ ok: true, user: { username: 'trainee1', role: 'trainee' } });
		expect(users.getByUsername('admin1')?.passwordHash).toMatch(/^\$argon2id\$/);

		// The demo history is played through the real engine: every certification in it ends.
		const played = getDb().select().from(attempts).where(eq(attempts.mode, 'certification')).all();
		expect(played.length).toBeGreaterThan(0);
		expect(played.filter((a) => !a.done)).toEqual([]);

		// The review loop is there to see: a closed calibration session with three graders, two
		// reviews of single replies, and penalties waiting in the review queue.
		const [session] = getDb().select().from(calibrationSessions).all();
		expect(session.status).toBe('closed');
		expect(
			getDb()
				.select()
				.from(calibrationGraders)
				.where(eq(calibrationGraders.sessionId, session.id))
				.all()
		).toHaveLength(3);
		expect(getDb().select().from(turnReviews).all()).toHaveLength(2);
		const queue = getDb().select().from(reviewQueue).all();
		expect(queue.filter((q) => q.status === 'pending').length).toBeGreaterThan(0);
		expect(queue.filter((q) => q.status === 'confirmed').length).toBeGreaterThan(0);
	});
});

describe('demo seed with a broken catalogue', () => {
	it('publishes nothing and names every problem with its file:line:col', async () => {
		const project = process.cwd();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-seed-'));
		fs.cpSync(path.join(project, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
		const catalogue = path.join(dir, 'scenarios/criteria/catalogue.yaml');
		fs.writeFileSync(
			catalogue,
			fs.readFileSync(catalogue, 'utf8').replace('code: R-04', 'code: R-01')
		);
		// A changed scenario would be published as a new version, were anything published.
		const scenario = path.join(dir, 'scenarios/rude-call.yaml');
		fs.writeFileSync(scenario, fs.readFileSync(scenario, 'utf8').replace('mood: 25', 'mood: 20'));
		const before = getDb().select().from(scenarioVersions).all().length;
		const migrations = process.env.MIGRATIONS_DIR;
		process.env.MIGRATIONS_DIR = path.join(project, 'drizzle');
		process.chdir(dir);
		try {
			await expect(seedDemo()).rejects.toThrow(
				/\nscenarios\/criteria\/catalogue\.yaml:\d+:\d+ clauses\[5\]\.code: duplicate clause code "R-01"/
			);
		} finally {
			process.chdir(project);
			if (migrations === undefined) delete process.env.MIGRATIONS_DIR;
			else process.env.MIGRATIONS_DIR = migrations;
			fs.rmSync(dir, { recursive: true, force: true });
		}
		expect(getDb().select().from(scenarioVersions).all()).toHaveLength(before);
	});
});
