import type { Page } from '@playwright/test';
import { test, expect, freshUser, signInAs } from './support/fixtures';

// The pages of tests/access.e2e.ts (the CSV export is checked with the API responses: a browser
// would download it rather than show it).
const pages = [
	'/',
	'/login',
	'/practice',
	'/practice/history',
	'/practice/999999',
	'/scenarios',
	'/scorecards',
	'/scorecards/1',
	'/scorecards/3',
	'/scorecards/health',
	'/criteria',
	'/criteria/R-01',
	'/criteria/X-99',
	'/admin',
	'/account',
	'/logout',
	'/no-such-page'
];
const accounts = {
	anonymous: null,
	trainee: 'trainee1',
	trainer: 'trainer1',
	supervisor: 'supervisor1',
	admin: 'admin1'
};

function expectSecurityHeaders(headers: Record<string, string>) {
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['permissions-policy']).toContain('microphone=(self)');
	// Served over http here: no HSTS.
	expect(headers['strict-transport-security']).toBeUndefined();
}

function expectPagePolicy(headers: Record<string, string>) {
	const csp = headers['content-security-policy'];
	expect(csp).toMatch(/default-src 'self'/);
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).toMatch(/object-src 'none'/);
	expect(csp).toMatch(/frame-ancestors 'none'/);
	expect(csp).toMatch(/form-action 'self'/);
}

/** Collects every CSP violation the page reports, by event and by console message. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Refused to|securitypolicyviolation/.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`securitypolicyviolation ${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	return violations;
}

for (const [role, username] of Object.entries(accounts)) {
	test(`as ${role}, every page carries the security headers and breaks no CSP rule`, async ({
		page,
		baseURL
	}) => {
		if (username) await signInAs(page.context(), baseURL!, username);
		const violations = await watchPolicyViolations(page);
		for (const path of pages) {
			const response = await page.goto(path, { waitUntil: 'networkidle' });
			const headers = await response!.allHeaders();
			expectSecurityHeaders(headers);
			expectPagePolicy(headers);
			expect(violations, `on ${path}`).toEqual([]);
		}
	});
}

test('API, error and non-page responses carry nosniff and the other headers', async ({
	request
}) => {
	const responses = [
		await request.get('/healthz'),
		await request.get('/api/scenarios'),
		await request.get('/api/nothing-here'),
		await request.post('/api/auth/login', {
			headers: { 'content-type': 'application/json' },
			data: '{"username": '
		}),
		await request.get('/locale', { maxRedirects: 0 }),
		await request.get('/scorecards/export.csv', { maxRedirects: 0 }),
		await request.get('/no-such-page')
	];
	expect(responses.map((r) => r.status())).toEqual([200, 401, 404, 400, 405, 303, 404]);
	for (const response of responses) expectSecurityHeaders(response.headers());
});

test('with the policy in force, pages hydrate: enhanced forms submit without a reload', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	const violations = await watchPolicyViolations(page);

	await page.goto('/account', { waitUntil: 'networkidle' });
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
	await page
		.locator('main form')
		.first()
		.evaluate((form: HTMLFormElement) => {
			form.noValidate = true;
		});
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText('Fill in this field.').first()).toBeVisible();

	// Starting a practice call and replying are enhanced too (the client navigates to the call).
	await page.getByRole('link', { name: 'Practice' }).click();
	await page
		.getByRole('listitem')
		.filter({ hasText: 'Is your company about to go bankrupt?' })
		.last()
		.getByRole('button', { name: /Start practice/ })
		.click();
	await expect(page).toHaveURL(/\/practice\/\d+$/);
	await page.getByLabel('Your reply').fill('您好，非常抱歉让您久等了。');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByText(/Score \d+/).first()).toBeVisible();

	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
	expect(violations).toEqual([]);
});
