import { test, expect, DEMO_PASSWORD, signInAs, sessionTokenFor } from './support/fixtures';

// Targets that browsers would follow to another host, or that break a Location header.
const offSite = [
	'/\t/127.0.0.2:5699/',
	'/\n/127.0.0.2:5699/',
	'/\r\n/127.0.0.2:5699/',
	'//127.0.0.2:5699/',
	'/\\127.0.0.2:5699/',
	'/.//127.0.0.2:5699/',
	'http://127.0.0.2:5699/',
	'javascript:alert(1)'
];

test('a signed-in user opening a sign-in link that points elsewhere stays on the site', async ({
	page,
	baseURL
}) => {
	await signInAs(page.context(), baseURL!, 'trainee1');
	await page.goto('/login?redirectTo=/%09/127.0.0.2:5699/');
	await expect(page).toHaveURL(`${baseURL}/practice`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice');
});

test('signing in follows a same-site redirectTo with its query', async ({ page, baseURL }) => {
	await page.goto('/login?redirectTo=' + encodeURIComponent('/criteria?from=mail#top'));
	await page.getByLabel('Username').fill('trainee1');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(`${baseURL}/criteria?from=mail#top`);
});

for (const target of offSite) {
	test(`GET /login, signed in, redirectTo=${JSON.stringify(target)} goes home`, async ({
		request
	}) => {
		const cookie = `auth-session=${sessionTokenFor('trainee1')}`;
		const response = await request.get(`/login?redirectTo=${encodeURIComponent(target)}`, {
			headers: { cookie },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect(response.headers().location).toBe('/practice');
	});

	test(`POST /locale with redirectTo=${JSON.stringify(target)} goes to /`, async ({
		request,
		baseURL
	}) => {
		const response = await request.post('/locale', {
			headers: { origin: baseURL! },
			form: { locale: 'en', redirectTo: target },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect(response.headers().location).toBe('/');
	});
}

test('POST /locale keeps a same-site redirectTo', async ({ request, baseURL }) => {
	const response = await request.post('/locale', {
		headers: { origin: baseURL! },
		form: { locale: 'en', redirectTo: '/criteria/R-01?x=1' },
		maxRedirects: 0
	});
	expect(response.headers().location).toBe('/criteria/R-01?x=1');
});
