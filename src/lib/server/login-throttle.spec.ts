import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, checkLoginThrottle } from './login-throttle';
import { makeUser, TEST_PASSWORD } from './testing/factories';
import * as users from './users';

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60 * 1000;

describe('login throttling', () => {
	it('answers the 6th failed attempt for a username with a retry delay, even with the right password', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-01T08:00:00Z');
		for (let i = 0; i < 5; i++) {
			const result = await users.authenticate(
				user.username,
				'wrong',
				'10.0.0.1',
				at(start, i * MINUTE)
			);
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		const sixth = await users.authenticate(
			user.username,
			TEST_PASSWORD,
			'10.0.0.2',
			at(start, 5 * MINUTE)
		);
		expect(sixth).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 10 * 60 });
	});

	it('lets the right password in once the window has passed', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-02T08:00:00Z');
		for (let i = 0; i < 5; i++) await users.authenticate(user.username, 'wrong', '10.0.1.1', start);
		expect(
			(await users.authenticate(user.username, TEST_PASSWORD, '10.0.1.1', at(start, MINUTE))).ok
		).toBe(false);
		const later = await users.authenticate(
			user.username,
			TEST_PASSWORD,
			'10.0.1.1',
			at(start, LOGIN_WINDOW_MS + 1)
		);
		expect(later.ok).toBe(true);
	});

	it('treats usernames case-insensitively and unknown users like known ones', async () => {
		const start = new Date('2026-03-03T08:00:00Z');
		for (let i = 0; i < 5; i++) {
			expect(await users.authenticate('Ghost', 'x', '10.0.2.1', start)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		expect(checkLoginThrottle('ghost', '10.0.2.9', start).allowed).toBe(false);
	});

	it('a success clears the username count', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-04T08:00:00Z');
		for (let i = 0; i < 4; i++) await users.authenticate(user.username, 'wrong', '10.0.3.1', start);
		expect(
			(await users.authenticate(user.username, TEST_PASSWORD, '10.0.3.1', at(start, 1000))).ok
		).toBe(true);
		for (let i = 0; i < 4; i++)
			await users.authenticate(user.username, 'wrong', '10.0.3.1', at(start, 2000));
		expect(checkLoginThrottle(user.username, '10.0.3.1', at(start, 3000)).allowed).toBe(true);
	});

	it('blocks an address after 20 failures across usernames', async () => {
		const start = new Date('2026-03-05T08:00:00Z');
		for (let i = 0; i < 20; i++)
			await users.authenticate(`spray${i}`, 'x', '10.0.4.1', at(start, i * 1000));
		const verdict = checkLoginThrottle('someone-else', '10.0.4.1', at(start, 20 * 1000));
		expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 - 20 });
		expect(checkLoginThrottle('someone-else', '10.0.4.2', at(start, 20 * 1000)).allowed).toBe(true);
	});
});
