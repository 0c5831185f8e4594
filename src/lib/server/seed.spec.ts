import { describe, expect, it } from 'vitest';
import { getDb } from './db';
import { teams, users as userTable } from './db/schema';
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
	});
});
