import { test, expect, DEMO_PASSWORD, signInAs } from './support/fixtures';

test('an admin creates a user, resets the password and disables the account', async ({
	page,
	browser,
	baseURL
}) => {
	const username = `hire-${Date.now()}`;
	await signInAs(page.context(), baseURL!, 'admin1');
	await page.goto('/admin');

	const form = page.locator('form[action="?/createUser"]');
	await form.getByLabel('Username').fill(username);
	await form.getByLabel('Full name').fill('New Hire 新员工');
	await form.getByLabel('Password').fill('short');
	await form.getByLabel('Role').selectOption('trainee');
	await form.getByLabel('Team').selectOption({ label: 'After-sales Team A' });
	await form.evaluate((element: HTMLFormElement) => (element.noValidate = true));
	await form.getByRole('button', { name: 'Create user' }).click();
	await expect(form.getByText('Use at least 8 characters.')).toBeVisible();

	await form.getByLabel('Password').fill('first password');
	await form.getByRole('button', { name: 'Create user' }).click();
	await expect(page.getByRole('status')).toHaveText(`User ${username} created.`);
	const row = page.getByRole('row', { name: new RegExp(username) });
	await expect(row.getByLabel('Team')).toHaveValue(/\d+/);

	await row.getByLabel(/New password/).fill('second password');
	await row.getByRole('button', { name: 'Reset password' }).click();
	await expect(page.getByRole('status')).toContainText(`Password of ${username} reset`);

	const other = await browser.newContext();
	const hire = await other.newPage();
	await hire.goto('/login');
	await hire.getByLabel('Username').fill(username);
	await hire.getByLabel('Password').fill('second password');
	await hire.getByRole('button', { name: 'Sign in' }).click();
	await expect(hire).toHaveURL(/\/practice$/);

	await row.getByRole('button', { name: /Disable/ }).click();
	await expect(page.getByRole('status')).toContainText(`${username} is disabled`);
	await hire.reload();
	await expect(hire).toHaveURL(/\/login/);
	await other.close();
	expect(DEMO_PASSWORD).toBeTruthy();
});
