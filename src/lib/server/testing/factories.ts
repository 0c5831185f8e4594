import type { Role } from '../../roles';
import * as users from '../users';

let counter = 0;

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
