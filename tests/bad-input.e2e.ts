import { test, expect, freshUser, sessionTokenFor } from './support/fixtures';
import * as users from '../src/lib/server/users';

/** A fresh user whose saved language is `locale` (the account's choice wins over cookies). */
async function speaker(role: 'trainee' | 'admin', locale: 'en' | 'zh-CN') {
	const user = await freshUser(role);
	users.setLocale(user.id, locale);
	return user.username;
}

/** Posts as a signed-in user, from our own origin. */
function as(username: string, baseURL: string) {
	return {
		cookie: `auth-session=${sessionTokenFor(username)}`,
		origin: baseURL,
		accept: 'text/html'
	};
}

test.describe('bad input gets the right 4xx and a message that says what to fix', () => {
	test('a broken multipart body is 400, not an error 500', async ({ request, baseURL }) => {
		const response = await request.post('/scorecards?/dispute', {
			headers: {
				...as('trainee1', baseURL!),
				'content-type': 'multipart/form-data; boundary=XYZ'
			},
			data: '--XYZ\r\nContent-Disposition: form-data; name="entryId"\r\n\r\n1\r\n--XY',
			maxRedirects: 0
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('The form could not be read');
	});

	test('a 1 MB form is 413 with a message, and JSON bodies of 1 MB and 50 MB are 413', async ({
		request,
		baseURL
	}) => {
		const form = await request.post('/scorecards?/dispute', {
			headers: as('trainee1', baseURL!),
			form: { entryId: '1', reason: 'x'.repeat(1_000_000) },
			maxRedirects: 0
		});
		expect(form.status()).toBe(413);
		expect(await form.text()).toContain('too large');
		for (const size of [1_000_000, 50_000_000]) {
			const json = await request.post('/api/attempts', {
				headers: { cookie: as('trainee1', baseURL!).cookie, 'content-type': 'application/json' },
				data: JSON.stringify({ scenario: 'rude-call', mode: 'practice', pad: 'x'.repeat(size) })
			});
			expect(json.status()).toBe(413);
			expect((await json.json()).error).toBe('too_large');
		}
	});

	test('a reply with a lone surrogate is stored as sent again: the same turn is not a conflict', async ({
		request,
		baseURL
	}) => {
		const headers = { cookie: as('trainee1', baseURL!).cookie };
		const started = await request.post('/api/attempts', {
			headers,
			data: { scenario: 'rude-call', mode: 'practice' }
		});
		const { id } = await started.json();
		const text = 'Sorry about that \ud800 let me check your order.';
		const first = await request.post(`/api/attempts/${id}/replies`, {
			headers,
			data: { text, turn: 0 }
		});
		expect(first.status()).toBe(200);
		const again = await request.post(`/api/attempts/${id}/replies`, {
			headers,
			data: { text, turn: 0 }
		});
		expect(again.status()).toBe(200);
	});

	test('responseMs far beyond a day is 400 and says what the field is, in Chinese too', async ({
		request,
		baseURL
	}) => {
		for (const [locale, words] of [
			['en', 'responseMs is the time taken to answer'],
			['zh-CN', 'responseMs 是作答用时']
		] as const) {
			const headers = { cookie: as(await speaker('trainee', locale), baseURL!).cookie };
			const started = await request.post('/api/attempts', {
				headers,
				data: { scenario: 'rude-call', mode: 'practice' }
			});
			const { id } = await started.json();
			const response = await request.post(`/api/attempts/${id}/replies`, {
				headers,
				data: { text: 'Hello', turn: 0, responseMs: 1e20 }
			});
			expect(response.status()).toBe(400);
			const body = await response.json();
			expect(body.message).toContain(words);
			expect(body.message).not.toMatch(/Invalid|Expected/);
		}
	});

	test('an admin form: a blank password and an unknown role are refused with what to fix', async ({
		request,
		baseURL
	}) => {
		const admin = await freshUser('admin');
		const response = await request.post('/admin?/createUser', {
			headers: as(admin.username, baseURL!),
			form: {
				username: 'spaces-only',
				displayName: 'Spaces',
				password: '        ',
				role: 'overlord'
			},
			maxRedirects: 0
		});
		expect(response.status()).toBe(400);
		const page = await response.text();
		expect(page).toContain('A password cannot be only spaces');
		expect(page).toContain('Choose one of the roles');
		const zh = await request.post('/admin?/createUser', {
			headers: as(await speaker('admin', 'zh-CN'), baseURL!),
			form: { username: 'x', displayName: '', password: 'short', role: 'overlord' },
			maxRedirects: 0
		});
		const zhPage = await zh.text();
		expect(zhPage).toContain('请选择一个角色');
		expect(zhPage).not.toMatch(/Invalid (length|type|value)/);
	});

	test('a ruling with letters for points, or without a reason, is 400 with what to fix', async ({
		request,
		baseURL
	}) => {
		const headers = as('supervisor1', baseURL!);
		const letters = await request.post('/scorecards/1?/rule', {
			headers,
			form: { disputeId: '1', decision: 'partial', reason: 'half', points: 'abc' },
			maxRedirects: 0
		});
		expect(letters.status()).toBe(400);
		expect(await letters.text()).toContain('enter a whole number between the original and zero');
		const silent = await request.post('/scorecards/1?/rule', {
			headers,
			form: { disputeId: '1', decision: 'rejected', reason: '   ' },
			maxRedirects: 0
		});
		expect(silent.status()).toBe(400);
		expect(await silent.text()).toContain('Write the reason');
	});
});
