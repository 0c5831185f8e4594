import { describe, expect, it } from 'vitest';
import {
	SESSION_LIFETIME_MS,
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './auth';
import { getDb } from './db';
import { sessions } from './db/schema';
import { eq } from 'drizzle-orm';
import { makeUser, TEST_PASSWORD } from './testing/factories';
import * as users from './users';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('stores only the SHA-256 of a random token', async () => {
		const user = await makeUser();
		const token = generateSessionToken();
		const session = createSession(token, user.id);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(session.id).not.toContain(token);
		const stored = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all();
		expect(stored.map((s) => s.id)).toEqual([session.id]);
		expect(generateSessionToken()).not.toBe(token);
	});

	it('validates a fresh token and returns the user without the password hash', async () => {
		const user = await makeUser('supervisor');
		const token = generateSessionToken();
		createSession(token, user.id);
		const result = validateSessionToken(token);
		expect(result.user).toEqual({
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			role: 'supervisor',
			teamId: null,
			locale: 'en'
		});
		expect(validateSessionToken(generateSessionToken())).toEqual({ session: null, user: null });
	});

	it('renews the expiry once half the 30-day lifetime is used, not before', async () => {
		const user = await makeUser();
		const token = generateSessionToken();
		const start = new Date('2026-01-01T00:00:00Z');
		const session = createSession(token, user.id, start);
		expect(session.expiresAt.getTime() - start.getTime()).toBe(30 * DAY);

		const day10 = new Date(start.getTime() + 10 * DAY);
		expect(validateSessionToken(token, day10).session?.expiresAt).toEqual(session.expiresAt);

		const day16 = new Date(start.getTime() + 16 * DAY);
		const renewed = validateSessionToken(token, day16).session;
		expect(renewed?.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME_MS);
		const row = getDb().select().from(sessions).where(eq(sessions.id, session.id)).get();
		expect(row?.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME_MS);
	});

	it('rejects and deletes an expired session', async () => {
		const user = await makeUser();
		const token = generateSessionToken();
		const start = new Date('2026-01-01T00:00:00Z');
		const session = createSession(token, user.id, start);
		expect(validateSessionToken(token, new Date(start.getTime() + 30 * DAY)).user).toBeNull();
		expect(
			getDb().select().from(sessions).where(eq(sessions.id, session.id)).get()
		).toBeUndefined();
	});

	it('logout invalidates one session and leaves the others', async () => {
		const user = await makeUser();
		const [a, b] = [generateSessionToken(), generateSessionToken()];
		const sessionA = createSession(a, user.id);
		createSession(b, user.id);
		invalidateSession(sessionA.id);
		expect(validateSessionToken(a).user).toBeNull();
		expect(validateSessionToken(b).user?.id).toBe(user.id);
		invalidateUserSessions(user.id);
		expect(validateSessionToken(b).user).toBeNull();
	});

	it('a password change revokes every session of that user only', async () => {
		const user = await makeUser();
		const other = await makeUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		createSession(a, user.id);
		createSession(b, user.id);
		createSession(c, other.id);
		expect(await users.changePassword(user.id, 'wrong password', 'a new password')).toBe(false);
		expect(validateSessionToken(a).user).not.toBeNull();
		expect(await users.changePassword(user.id, TEST_PASSWORD, 'a new password')).toBe(true);
		expect(validateSessionToken(a).user).toBeNull();
		expect(validateSessionToken(b).user).toBeNull();
		expect(validateSessionToken(c).user?.id).toBe(other.id);
	});

	it('disabling a user revokes their sessions and refuses new ones', async () => {
		const user = await makeUser();
		const token = generateSessionToken();
		createSession(token, user.id);
		users.setDisabled('system', user.id, true);
		expect(validateSessionToken(token).user).toBeNull();
		const later = generateSessionToken();
		createSession(later, user.id);
		expect(validateSessionToken(later).user).toBeNull();
		users.setDisabled('system', user.id, false);
		const again = generateSessionToken();
		createSession(again, user.id);
		expect(validateSessionToken(again).user?.id).toBe(user.id);
	});
});
