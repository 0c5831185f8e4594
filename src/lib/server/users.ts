import { asc, eq } from 'drizzle-orm';
import type { AppLocale, Role } from '../roles';
import { write, getDb } from './db';
import * as audit from './audit';
import type { Actor } from './access';
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

/** Who changes accounts: an admin, the seed ("system"), or a user changing their own password. */
export type Changer = Actor | 'system';
const signed = (by: Changer) => (by === 'system' ? 'system' : `user:${by.id}`);

/** Administration is for admins: the domain checks it too, not only the admin page. */
export class NotAdmin extends Error {}
function requireAdmin(by: Changer) {
	if (by !== 'system' && by.role !== 'admin') throw new NotAdmin('only an admin can do this');
}

/** Creates a user; null when the username is taken. The audit row never holds the password. */
export async function create(input: NewUser, by: Changer = 'system'): Promise<User | null> {
	requireAdmin(by);
	const passwordHash = await hashPassword(input.password);
	const username = normaliseUsername(input.username);
	return write((tx) => {
		if (tx.select({ id: users.id }).from(users).where(eq(users.username, username)).get())
			return null;
		const user = tx
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
		audit.append(tx, signed(by), 'admin.user_create', {
			user: user.id,
			username,
			role: user.role,
			team: user.teamId
		});
		return user;
	});
}

export function assign(by: Changer, userId: number, role: Role, teamId: number | null): void {
	requireAdmin(by);
	write((tx) => {
		const before = tx
			.select({ role: users.role, teamId: users.teamId })
			.from(users)
			.where(eq(users.id, userId))
			.get();
		tx.update(users).set({ role, teamId }).where(eq(users.id, userId)).run();
		audit.append(tx, signed(by), 'admin.user_assign', {
			user: userId,
			from: before ?? null,
			to: { role, teamId }
		});
	});
}

/**
 * Sets a new password and signs the user out everywhere: an admin's reset, or the user's own
 * change (then `by` is the user).
 */
export async function setPassword(by: Changer, userId: number, password: string): Promise<void> {
	if (by === 'system' || by.id !== userId) requireAdmin(by);
	const passwordHash = await hashPassword(password);
	write((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
		invalidateUserSessions(userId, tx);
		audit.append(
			tx,
			signed(by),
			by !== 'system' && by.id === userId ? 'account.password_change' : 'admin.password_reset',
			{ user: userId }
		);
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
	await setPassword({ id: user.id, role: user.role }, userId, next);
	return true;
}

export function setDisabled(
	by: Changer,
	userId: number,
	disabled: boolean,
	now = new Date()
): void {
	requireAdmin(by);
	write((tx) => {
		tx.update(users)
			.set({ disabledAt: disabled ? now : null })
			.where(eq(users.id, userId))
			.run();
		if (disabled) invalidateUserSessions(userId, tx);
		audit.append(
			tx,
			signed(by),
			disabled ? 'admin.user_disable' : 'admin.user_enable',
			{
				user: userId
			},
			now
		);
	});
}

export function setLocale(userId: number, locale: AppLocale): void {
	getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
