import { asc, eq } from 'drizzle-orm';
import type { AppLocale, Role } from '../roles';
import { getDb } from './db';
import { teams, users, type User } from './db/schema';
import { invalidateUserSessions, type SessionUser } from './auth';
import { checkLoginThrottle, normaliseUsername, recordLoginAttempt } from './login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';

export type AuthResult =
	| { ok: true; user: SessionUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export type UserListing = Omit<User, 'passwordHash'> & { teamName: string | null };

function toSessionUser(user: User): SessionUser {
	const { id, username, displayName, role, teamId, locale } = user;
	return { id, username, displayName, role, teamId, locale };
}

export function getByUsername(username: string): User | null {
	const row = getDb()
		.select()
		.from(users)
		.where(eq(users.username, normaliseUsername(username)))
		.get();
	return row ?? null;
}

export function get(id: number): User | null {
	return getDb().select().from(users).where(eq(users.id, id)).get() ?? null;
}

/**
 * Checks a sign-in under the throttle. Unknown user, wrong password and disabled account are
 * one answer, and take the same time, so the answer tells nothing about which accounts exist.
 */
export async function authenticate(
	username: string,
	password: string,
	address: string,
	now = new Date()
): Promise<AuthResult> {
	const verdict = checkLoginThrottle(username, address, now);
	if (!verdict.allowed) {
		return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	}
	const user = getByUsername(username);
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? (await dummyPasswordHash()),
		password
	);
	const ok = user !== null && passwordMatches && user.disabledAt === null;
	recordLoginAttempt(username, address, ok, now);
	return ok ? { ok, user: toSessionUser(user) } : { ok: false, reason: 'invalid' };
}

export function list(): UserListing[] {
	return getDb()
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			teamId: users.teamId,
			locale: users.locale,
			disabledAt: users.disabledAt,
			createdAt: users.createdAt,
			teamName: teams.name
		})
		.from(users)
		.leftJoin(teams, eq(users.teamId, teams.id))
		.orderBy(asc(users.username))
		.all();
}

export type NewUser = {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	teamId: number | null;
	locale?: AppLocale;
};

/** Creates a user; null when the username is taken. */
export async function create(input: NewUser): Promise<User | null> {
	const passwordHash = await hashPassword(input.password);
	const username = normaliseUsername(input.username);
	const db = getDb();
	return db.transaction((tx) => {
		if (tx.select({ id: users.id }).from(users).where(eq(users.username, username)).get())
			return null;
		return tx
			.insert(users)
			.values({
				username,
				displayName: input.displayName.trim(),
				passwordHash,
				role: input.role,
				teamId: input.teamId,
				locale: input.locale ?? 'en'
			})
			.returning()
			.get();
	});
}

export function assign(userId: number, role: Role, teamId: number | null): void {
	getDb().update(users).set({ role, teamId }).where(eq(users.id, userId)).run();
}

/** Sets a new password and signs the user out everywhere. */
export async function setPassword(userId: number, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	getDb().transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
		invalidateUserSessions(userId, tx);
	});
}

/** Changes a user's own password after checking the current one; false when it does not match. */
export async function changePassword(
	userId: number,
	current: string,
	next: string
): Promise<boolean> {
	const user = get(userId);
	if (!user || !(await verifyPassword(user.passwordHash, current))) return false;
	await setPassword(userId, next);
	return true;
}

export function setDisabled(userId: number, disabled: boolean, now = new Date()): void {
	getDb().transaction((tx) => {
		tx.update(users)
			.set({ disabledAt: disabled ? now : null })
			.where(eq(users.id, userId))
			.run();
		if (disabled) invalidateUserSessions(userId, tx);
	});
}

export function setLocale(userId: number, locale: AppLocale): void {
	getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
