import { test, expect, DEMO_PASSWORD, freshUser, signInAs } from './support/fixtures';

const navByUser: Record<string, string[]> = {
	trainee1: ['Practice', 'Scorecards', 'Criteria'],
	trainer1: ['Practice', 'Scenarios', 'Criteria', 'Calibration', 'Assignments'],
	supervisor1: ['Scorecards', 'Criteria', 'Reviews', 'Calibration', 'Assignments'],
	admin1: ['Scenarios', 'Scorecards', 'Criteria', 'Reviews', 'Calibration', 'Assignments', 'Admin']
};

async function logIn(
	page: import('@playwright/test').Page,
	username: string,
	password = DEMO_PASSWORD
) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

for (const [username, links] of Object.entries(navByUser)) {
	test(`${username} signs in and sees the navigation of their role`, async ({ page }) => {
		await logIn(page, username);
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link')).toHaveText(links);
		await expect(page).toHaveURL(new RegExp(`/${links[0].toLowerCase()}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			links[0] === 'Admin' ? 'Administration' : links[0]
		);
	});
}

test('a wrong password shows the generic error and keeps the username', async ({ page }) => {
	await logIn(page, 'trainee2', 'not the password');
	await expect(page.getByRole('alert')).toHaveText(
		'That username and password do not match an active account.'
	);
	await expect(page.getByLabel('Username')).toHaveValue('trainee2');
	await expect(page).toHaveURL(/\/login$/);
});

test('empty fields get a message per field, and nothing is sent on', async ({ page }) => {
	await page.goto('/login');
	// Skip the browser's own checks to reach the server's (works with or without hydration).
	await page.locator('main form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Fill in this field.')).toHaveCount(2);
});

test('an anonymous visitor is sent to sign in and comes back after', async ({ page }) => {
	await page.goto('/criteria');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcriteria$/);
	await page.getByLabel('Username').fill('trainee1');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/criteria$/);
});

test('switching to 中文 shows the Chinese UI, survives a reload and follows the user', async ({
	page,
	browser,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await page.goto('/practice');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('练习');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.reload();
	await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveText([
		'练习',
		'成绩单',
		'奖惩标准'
	]);

	// A new browser with no locale cookie: the account's choice still applies after sign-in.
	const other = await browser.newContext();
	const second = await other.newPage();
	await second.goto('/login');
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await second.getByLabel('Username').fill(user.username);
	await second.getByLabel('Password').fill(DEMO_PASSWORD);
	await second.getByRole('button', { name: 'Sign in' }).click();
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('练习');
	await second.getByRole('button', { name: 'English' }).click();
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Practice');
	await other.close();
});

test('signing out ends the session', async ({ page, baseURL }) => {
	const user = await freshUser('supervisor');
	await signInAs(page.context(), baseURL!, user.username);
	await page.goto('/criteria');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/criteria');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test('unknown pages get a 404 page, not a crash', async ({ page }) => {
	const response = await page.goto('/does/not/exist');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Page not found');
});

test('a signed-in user without the role gets a 403 page', async ({ page, baseURL }) => {
	await signInAs(page.context(), baseURL!, 'trainee1');
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('No access');
});
