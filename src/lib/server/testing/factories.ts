import type { Role } from '../../roles';
import * as users from '../users';
import { getDb } from '../db';
import { assignments, teams } from '../db/schema';
import type { SessionUser } from '../auth';
import type { User } from '../db/schema';
import * as content from '../content';
import * as criteria from '../criteria';

let counter = 0;

/** The library files (rubrics, scenarios) and the rulebook catalogue, published as of `at`. */
export function publishLibrary(at = new Date('2026-01-01T00:00:00Z')) {
	content.importFiles();
	const loaded = criteria.loadCatalogue();
	if (!loaded.ok) throw new Error('catalogue');
	criteria.publishCatalogue(loaded.catalogue, at);
}

export const TEST_PASSWORD = 'correct horse battery';

/** A fresh user with a unique name; argon2 makes this the slow part of a test, so reuse when you can. */
export async function makeUser(role: Role = 'trainee', overrides: Partial<users.NewUser> = {}) {
	counter += 1;
	const user = await users.create({
		username: `${role}${counter}-${process.pid}`,
		displayName: `Test ${role} ${counter}`,
		password: TEST_PASSWORD,
		role,
		teamId: null,
		...overrides
	});
	if (!user) throw new Error('test user could not be created');
	return user;
}

export const asSession = (u: User): SessionUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	teamId: u.teamId,
	locale: u.locale
});

/** A team with its supervisor. */
export async function makeTeam(label = 'Team') {
	const supervisor = asSession(await makeUser('supervisor'));
	const team = getDb()
		.insert(teams)
		.values({ name: `${label} ${supervisor.id}-${process.pid}`, supervisorId: supervisor.id })
		.returning()
		.get();
	return { team, supervisor };
}

/** A trainee in a team, as a signed-in user. */
export async function makeMember(teamId: number | null) {
	return asSession(await makeUser('trainee', { teamId }));
}

/** A certification assignment of a scenario, due tomorrow (or when given). */
export function assignCertification(
	userId: number,
	scenarioKey = 'rude-call',
	dueAt = new Date(Date.now() + 86_400_000)
) {
	return getDb()
		.insert(assignments)
		.values({ userId, scenarioKey, mode: 'certification', dueAt })
		.returning()
		.get();
}
