import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, checkLoginThrottle } from './login-throttle';
import { makeUser, TEST_PASSWORD } from './testing/factories';
import * as users from './users';

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60 * 1000;

async function failTimes(username: string, address: string, times: number, start: Date) {
	for (let i = 0; i < times; i++) {
		const result = await users.authenticate(username, 'wrong', address, at(start, i * 1000));
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	}
}

describe('login throttling', () => {
	it('answers the 6th attempt for a username from the same address with a retry delay, even with the right password', async () => {
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
			'10.0.0.1',
			at(start, 5 * MINUTE)
		);
		expect(sixth).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 10 * 60 });
	});

	it('does not lock the real user out: failures from an attacker address leave other addresses alone', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-06T08:00:00Z');
		await failTimes(user.username, '203.0.113.7', 5, start);
		for (let i = 5; i < 9; i++) {
			expect(
				await users.authenticate(user.username, 'wrong', '203.0.113.7', at(start, i * 1000))
			).toMatchObject({ ok: false, reason: 'throttled' });
		}
		expect(
			await users.authenticate(user.username, TEST_PASSWORD, '203.0.113.7', at(start, 9000))
		).toMatchObject({ ok: false, reason: 'throttled' });

		const real = await users.authenticate(
			user.username,
			TEST_PASSWORD,
			'10.1.0.5',
			at(start, 9000)
		);
		expect(real).toMatchObject({ ok: true, user: { id: user.id } });
	});

	it('a success elsewhere does not clear the count at the attacker address', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-07T08:00:00Z');
		await failTimes(user.username, '203.0.113.8', 5, start);
		expect(
			(await users.authenticate(user.username, TEST_PASSWORD, '10.1.0.6', at(start, 6000))).ok
		).toBe(true);
		expect(checkLoginThrottle(user.username, '203.0.113.8', at(start, 7000)).allowed).toBe(false);
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
		const known = await makeUser();
		const start = new Date('2026-03-03T08:00:00Z');
		for (let i = 0; i < 5; i++) {
			const ghost = await users.authenticate('Ghost', 'x', '10.0.2.1', start);
			const real = await users.authenticate(known.username.toUpperCase(), 'x', '10.0.2.1', start);
			expect(ghost).toEqual({ ok: false, reason: 'invalid' });
			expect(real).toEqual(ghost);
		}
		const ghostSixth = await users.authenticate('ghost', 'x', '10.0.2.1', at(start, 1000));
		const realSixth = await users.authenticate(known.username, 'x', '10.0.2.1', at(start, 1000));
		expect(ghostSixth).toMatchObject({ ok: false, reason: 'throttled' });
		expect(realSixth).toEqual(ghostSixth);
		expect(checkLoginThrottle('ghost', '10.0.2.9', start).allowed).toBe(true);
	});

	it('a success clears the count of its username at its address', async () => {
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

	it('the address ceiling holds when each username stays under its own limit, even for the right password', async () => {
		const user = await makeUser();
		const start = new Date('2026-03-08T08:00:00Z');
		for (let n = 0; n < 5; n++)
			await failTimes(`guess${n}`, '198.51.100.9', 4, at(start, n * 5000));
		expect(checkLoginThrottle('guess0', '198.51.100.9', at(start, 30_000)).allowed).toBe(false);
		expect(
			await users.authenticate(user.username, TEST_PASSWORD, '198.51.100.9', at(start, 30_000))
		).toMatchObject({ ok: false, reason: 'throttled' });
		expect(
			(await users.authenticate(user.username, TEST_PASSWORD, '198.51.100.10', at(start, 30_000)))
				.ok
		).toBe(true);
	});
});
