import type { RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getDb, type Db, type DbOrTx } from './db';
import { sessions, users, type Session, type User } from './db/schema';

const DAY_IN_MS = 1000 * 60 * 60 * 24;
export const SESSION_LIFETIME_MS = DAY_IN_MS * 30;
export const sessionCookieName = 'auth-session';

/** What the app keeps of a signed-in user: never the password hash. */
export type SessionUser = Pick<
	User,
	'id' | 'username' | 'displayName' | 'role' | 'teamId' | 'locale'
>;
export type SessionValidationResult =
	{ session: Session; user: SessionUser } | { session: null; user: null };

export function generateSessionToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(token: string, userId: number, now = new Date()): Session {
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
	};
	getDb().insert(sessions).values(session).run();
	return session;
}

const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** The session lookup runs on every request: prepared once per connection. */
function prepareLookup(db: Db) {
	return db
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				role: users.role,
				teamId: users.teamId,
				locale: users.locale,
				disabledAt: users.disabledAt
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare();
}

export function validateSessionToken(token: string, now = new Date()): SessionValidationResult {
	const db = getDb();
	let lookup = lookups.get(db);
	if (!lookup) {
		lookup = prepareLookup(db);
		lookups.set(db, lookup);
	}
	const row = lookup.get({ id: sessionIdOf(token) });
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || user.disabledAt) {
		invalidateSession(session.id);
		return { session: null, user: null };
	}
	// Renew once half the lifetime is used, so active users stay signed in.
	if (now.getTime() >= session.expiresAt.getTime() - SESSION_LIFETIME_MS / 2) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		db.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, session.id))
			.run();
	}
	const { id, username, displayName, role, teamId, locale } = user;
	return { session, user: { id, username, displayName, role, teamId, locale } };
}

export function invalidateSession(sessionId: string): void {
	getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(userId: number, db: DbOrTx = getDb()): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function setSessionTokenCookie(event: RequestEvent, token: string, expiresAt: Date): void {
	event.cookies.set(sessionCookieName, token, {
		expires: expiresAt,
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
}

export function deleteSessionTokenCookie(event: RequestEvent): void {
	event.cookies.delete(sessionCookieName, { path: '/' });
}

/** Signs `userId` in on this request: a new session and its cookie. */
export function startSession(event: RequestEvent, userId: number): Session {
	const token = generateSessionToken();
	const session = createSession(token, userId);
	setSessionTokenCookie(event, token, session.expiresAt);
	return session;
}
