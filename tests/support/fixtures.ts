import { test as base, expect, type BrowserContext } from '@playwright/test';
import { createSession, generateSessionToken, sessionCookieName } from '../../src/lib/server/auth';
import { DEFAULT_DEMO_PASSWORD } from '../../src/lib/server/seed';
import * as users from '../../src/lib/server/users';
import type { Role } from '../../src/lib/roles';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
export const demoUsers = ['trainee1', 'trainer1', 'supervisor1', 'admin1'] as const;

/** A session token for a user, made straight in the test database (no login form, no throttle). */
export function sessionTokenFor(username: string): string {
	const user = users.getByUsername(username);
	if (!user) throw new Error(`no user ${username} in the test database`);
	const token = generateSessionToken();
	createSession(token, user.id);
	return token;
}

export async function signInAs(context: BrowserContext, baseURL: string, username: string) {
	await context.addCookies([
		{ name: sessionCookieName, value: sessionTokenFor(username), url: baseURL }
	]);
}

let created = 0;

/** A throwaway account, for tests that change what they sign in with. */
export async function freshUser(role: Role = 'trainee') {
	created += 1;
	const username = `e2e-${role}-${process.pid}-${created}`;
	const user = await users.create({
		username,
		displayName: `E2E ${role} ${created}`,
		password: DEMO_PASSWORD,
		role,
		teamId: null
	});
	if (!user) throw new Error(`could not create ${username}`);
	return user;
}

export const test = base;
export { expect };
