import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD } from './support/fixtures';

// Plain http: from an https page to an http server, browsers send `Origin: null` instead.
const evil = 'http://evil.example';

/** A page on another site with a form that signs in to ours, opened and submitted. */
async function postFromEvilSite(page: Page, baseURL: string) {
	await page.route(`${evil}/**`, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<form method="POST" action="${baseURL}/login">
				<input name="username" value="trainee1"><input name="password" value="x">
				<button>Go</button></form>`
		})
	);
	await page.goto(`${evil}/`);
	const answer = page.waitForResponse(`${baseURL}/login`);
	await page.getByRole('button', { name: 'Go' }).click();
	return answer;
}

test('the demo address opened as 127.0.0.1 signs in, though ORIGIN says localhost', async ({
	page,
	baseURL
}) => {
	const loopback = baseURL!.replace('//localhost:', '//127.0.0.1:');
	expect(loopback).not.toBe(baseURL);
	await page.goto(`${loopback}/login`);
	await page.getByLabel('Username').fill('trainee1');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(`${loopback}/practice`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice');
	// Enhanced form posts (fetch, with the same Origin) are accepted too.
	await page.goto(`${loopback}/account`);
	await page
		.locator('main form')
		.first()
		.evaluate((form: HTMLFormElement) => {
			form.noValidate = true;
		});
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText('Fill in this field.').first()).toBeVisible();
});

test('a form posted from another site is refused with a page that explains ORIGIN', async ({
	page,
	baseURL
}) => {
	const response = await postFromEvilSite(page, baseURL!);
	expect(response.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'403 · Form refused: the address does not match'
	);
	await expect(page.getByRole('main')).toContainText(
		`This form was sent from ${evil}, but this server expects its forms to come from ${baseURL}.`
	);
	await expect(page.getByRole('main')).toContainText(
		"The server's ORIGIN setting must be the address people open in their browser."
	);
	await expect(page.getByRole('link', { name: `Open ${baseURL}` })).toHaveAttribute(
		'href',
		`${baseURL}/`
	);
});

test.describe('in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('the refusal speaks the browser language', async ({ page, baseURL }) => {
		const response = await postFromEvilSite(page, baseURL!);
		expect(response.status()).toBe(403);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'403 · 表单被拒绝：访问地址不一致'
		);
		await expect(page.getByRole('main')).toContainText(
			`此表单提交自 ${evil}，但本服务器只接受来自 ${baseURL} 的表单。`
		);
		await expect(page.getByRole('main')).toContainText('服务器的 ORIGIN 设置必须是');
	});
});

for (const [language, heading, text] of [
	[
		'en',
		'Form refused: the address does not match',
		'This form was sent from https://evil.example'
	],
	['zh-CN', '表单被拒绝：访问地址不一致', '此表单提交自 https://evil.example']
]) {
	test(`a POST with Origin https://evil.example gets 403 and the explanation (${language})`, async ({
		request,
		baseURL
	}) => {
		const response = await request.post('/login', {
			headers: { origin: 'https://evil.example', 'accept-language': language },
			form: { username: 'trainee1', password: DEMO_PASSWORD },
			maxRedirects: 0
		});
		expect(response.status()).toBe(403);
		expect(response.headers()['content-type']).toContain('text/html');
		expect(response.headers()['x-content-type-options']).toBe('nosniff');
		const html = await response.text();
		expect(html).toContain(`<html lang="${language}">`);
		const shown = html.replace(/<[^>]*>/g, '');
		expect(shown).toContain(heading);
		expect(shown).toContain(text);
		expect(shown).toContain(baseURL!);
		expect(shown).toContain('ORIGIN');
	});
}

test('a form post without any Origin is refused too', async ({ request }) => {
	const response = await request.post('/login', {
		form: { username: 'trainee1', password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(response.status()).toBe(403);
	expect(response.headers()['set-cookie'] ?? '').not.toContain('auth-session=');
	expect(await response.text()).toContain('an unknown address');
});

test('the addresses are shown as text, never as markup', async ({ request }) => {
	const response = await request.post('/locale', {
		headers: { origin: '"><script>alert(1)</script>' },
		form: { locale: 'en' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(403);
	const html = await response.text();
	expect(html).not.toContain('<script>');
	expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('the API refuses another origin in its JSON shape, in the caller language', async ({
	request
}) => {
	for (const [language, text] of [
		['en', 'Request refused: it came from https://evil.example'],
		['zh-CN', '请求被拒绝：请求来自 https://evil.example']
	]) {
		const response = await request.post('/api/auth/login', {
			headers: { origin: 'https://evil.example', 'accept-language': language },
			data: { username: 'trainee1', password: DEMO_PASSWORD }
		});
		expect(response.status()).toBe(403);
		const body = await response.json();
		expect(body).toEqual({ error: 'cross_origin', message: expect.stringContaining(text) });
		expect(response.headers()['set-cookie'] ?? '').not.toContain('auth-session=');
	}
	// Scripts send no Origin and still sign in.
	const script = await request.post('/api/auth/login', {
		data: { username: 'trainee1', password: DEMO_PASSWORD }
	});
	expect(script.status()).toBe(200);
});

test('the address `npm run demo` prints last opens the app, and signing in there works', async ({
	page,
	baseURL
}) => {
	const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	expect(scripts.demo).toMatch(/&& npm run --silent serve$/);
	expect(scripts.serve).toBe('tsx src/cli/serve.ts');
	// The demo's last step, on a port of its own and without ORIGIN, as a newcomer runs it.
	const port = String(Number(new URL(baseURL!).port) + 2);
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
	delete env.ORIGIN;
	const demo = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
		env,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise((done) => demo.once('exit', done));
	try {
		let output = '';
		demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await expect.poll(() => output, { timeout: 20_000 }).toMatch(/Open \S+/);
		const lines = output.trim().split('\n');
		const address = /Open (\S+)/.exec(lines.at(-1)!)?.[1];
		expect(address).toBe(`http://localhost:${port}`);

		await page.goto(`${address}/login`);
		await page.getByLabel('Username').fill('trainee1');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice');
	} finally {
		demo.kill('SIGTERM');
		await exited;
	}
});
