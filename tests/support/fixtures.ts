import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { createSession, generateSessionToken, sessionCookieName } from '../../src/lib/server/auth';
import { DEFAULT_DEMO_PASSWORD } from '../../src/lib/server/seed';
import { getDb } from '../../src/lib/server/db';
import { assignments } from '../../src/lib/server/db/schema';
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

/** Assigns the rude-call scenario in certification mode, due tomorrow. */
export function assignCertification(userId: number) {
	getDb()
		.insert(assignments)
		.values({
			userId,
			scenarioKey: 'rude-call',
			mode: 'certification',
			dueAt: new Date(Date.now() + 86_400_000)
		})
		.run();
}

/** On /criteria, checks the given clause heading is shown and acknowledges the rulebook. */
export async function acknowledgeRulebook(page: Page, heading: RegExp) {
	await page.goto('/criteria');
	await expect(page.getByRole('heading', { name: heading })).toBeVisible();
	await page.getByRole('button', { name: 'I have read and acknowledge them' }).click();
	await expect(page.getByRole('status')).toContainText('Acknowledged');
}

/** Starts the assigned certification run and ends it with one reply. */
export async function playCertification(page: Page, reply: string) {
	await page.goto('/practice');
	await page
		.getByRole('region', { name: 'Your assignments' })
		.getByRole('button', { name: 'Start certification' })
		.click();
	await page.getByLabel('Your reply').fill(reply);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();
}

export const test = base;
export { expect };
