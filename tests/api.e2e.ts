import { test, expect, DEMO_PASSWORD, freshUser } from './support/fixtures';

test.describe('POST /api/auth/login', () => {
	test('signs in with JSON and returns the user and a session cookie', async ({ request }) => {
		const response = await request.post('/api/auth/login', {
			data: { username: 'trainer1', password: DEMO_PASSWORD }
		});
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body).toEqual({
			user: { id: expect.any(Number), username: 'trainer1', role: 'trainer' }
		});
		const cookie = response.headers()['set-cookie'];
		expect(cookie).toMatch(/auth-session=[a-z2-7]{32};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		const me = await request.get('/criteria', { maxRedirects: 0 });
		expect(me.status()).toBe(200);
	});

	test('answers 401 with one message for a wrong password and an unknown user', async ({
		request
	}) => {
		const wrong = await request.post('/api/auth/login', {
			data: { username: 'trainee2', password: 'nope-nope' }
		});
		const unknown = await request.post('/api/auth/login', {
			data: { username: 'nobody-at-all', password: 'nope-nope' }
		});
		expect(wrong.status()).toBe(401);
		expect(unknown.status()).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	test('throttles the 6th failure for a username with 429 and Retry-After', async ({ request }) => {
		const user = await freshUser();
		for (let i = 0; i < 5; i++) {
			const r = await request.post('/api/auth/login', {
				data: { username: user.username, password: 'wrong-pass' }
			});
			expect(r.status()).toBe(401);
		}
		const sixth = await request.post('/api/auth/login', {
			data: { username: user.username, password: DEMO_PASSWORD }
		});
		expect(sixth.status()).toBe(429);
		const retryAfter = Number(sixth.headers()['retry-after']);
		expect(retryAfter).toBeGreaterThan(14 * 60);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		expect((await sixth.json()).error).toBe('throttled');
	});

	test('rejects malformed JSON, missing and oversized fields with 400 and a message', async ({
		request
	}) => {
		const cases = [
			'{"username": "trainee1", ',
			'[]',
			JSON.stringify({ username: 'trainee1' }),
			JSON.stringify({ username: '', password: 'x' }),
			JSON.stringify({ username: 'a'.repeat(201), password: 'x' }),
			JSON.stringify({ username: 'trainee1', password: 'p'.repeat(201) })
		];
		for (const data of cases) {
			const r = await request.post('/api/auth/login', {
				data,
				headers: { 'content-type': 'application/json' }
			});
			expect(r.status(), data).toBe(400);
			const body = await r.json();
			expect(body.message, data).toBeTruthy();
			expect(JSON.stringify(body)).not.toMatch(/at .*\.js|stack/i);
		}
	});
});

test('GET /healthz reports the database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ ok: true, db: 'ok' });
});
