import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { getDb } from './db';
import { loginAttempts } from './db/schema';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function normaliseUsername(username: string): string {
	return username.trim().toLowerCase();
}

/**
 * Blocks a username at one address after 5 failures, and an address after 20 across usernames,
 * within the window. Counting per address means a stranger who knows a username cannot lock its
 * owner out: the owner signs in from another address. A success clears the count of its username
 * at its address; a block lifts when the failure that tipped it leaves the window.
 */
export function checkLoginThrottle(
	username: string,
	address: string,
	now = new Date()
): ThrottleVerdict {
	const db = getDb();
	const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
	const name = normaliseUsername(username);
	const sameUserAndAddress = and(
		eq(loginAttempts.username, name),
		eq(loginAttempts.address, address)
	);

	const lastSuccess = db
		.select({ at: loginAttempts.createdAt })
		.from(loginAttempts)
		.where(and(sameUserAndAddress, eq(loginAttempts.succeeded, true)))
		.orderBy(desc(loginAttempts.createdAt))
		.limit(1)
		.get();
	const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;

	const tipping = [
		db
			.select({ at: loginAttempts.createdAt })
			.from(loginAttempts)
			.where(
				and(
					sameUserAndAddress,
					eq(loginAttempts.succeeded, false),
					gte(loginAttempts.createdAt, since)
				)
			)
			.orderBy(desc(loginAttempts.createdAt))
			.limit(1)
			.offset(MAX_FAILURES_PER_USERNAME_AND_ADDRESS - 1)
			.get(),
		db
			.select({ at: loginAttempts.createdAt })
			.from(loginAttempts)
			.where(
				and(
					eq(loginAttempts.address, address),
					eq(loginAttempts.succeeded, false),
					gte(loginAttempts.createdAt, windowStart)
				)
			)
			.orderBy(desc(loginAttempts.createdAt))
			.limit(1)
			.offset(MAX_FAILURES_PER_ADDRESS - 1)
			.get()
	].filter((row) => row !== undefined);

	if (tipping.length === 0) return { allowed: true };
	const liftsAt = Math.max(...tipping.map((row) => row.at.getTime() + LOGIN_WINDOW_MS));
	return {
		allowed: false,
		retryAfterSeconds: Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000))
	};
}

export function recordLoginAttempt(
	username: string,
	address: string,
	succeeded: boolean,
	now = new Date()
): void {
	const db = getDb();
	db.transaction((tx) => {
		tx.insert(loginAttempts)
			.values({ username: normaliseUsername(username), address, succeeded, createdAt: now })
			.run();
		// Rows older than a day can no longer matter.
		tx.delete(loginAttempts)
			.where(lt(loginAttempts.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)))
			.run();
	});
}
