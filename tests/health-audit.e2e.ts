import fs from 'node:fs';
import { test, expect, freshUser, signInAs } from './support/fixtures';
import { teamWithMember, penaltyOf, rewardOf } from './support/ledger';

test('the health page opens on the newest month with entries, says when a month has none, and downloads the CSV', async ({
	page,
	baseURL
}) => {
	const { supervisor, member, team } = await teamWithMember('Health');
	await signInAs(page.context(), baseURL!, supervisor.username);
	await page.goto('/scorecards/health');
	await expect(page.getByText('No entries in this month yet')).toBeVisible();
	await expect(page.getByText('More penalties than rewards')).toHaveCount(0);

	penaltyOf(member);
	rewardOf(member);
	await page.goto(`/scorecards/health?period=2020-01&team=${team.id}`);
	await expect(page.getByText('No entries in this month yet')).toBeVisible();
	await page.goto('/scorecards/health');
	await expect(page.getByText(/Rewards: [1-3] · penalties: 1/)).toBeVisible();
	await expect(
		page.getByRole('link', { name: /P-01 · Disrespect towards the customer/ })
	).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: /Download the ledger of this month/ }).click();
	const file = await download;
	const text = fs.readFileSync((await file.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain(member.displayName);
	expect(text).toContain(team.name);
	expect(text).toContain('P-01 Disrespect towards the customer');
	expect(text.split('\r\n')[0]).toContain('Amount (CNY)');
	await expect(page).toHaveURL(/\/scorecards\/health/);
});

test('admin actions write audit rows, and admins see the chain and its check', async ({
	page,
	baseURL
}) => {
	const admin = await freshUser('admin');
	await signInAs(page.context(), baseURL!, admin.username);
	await page.goto('/admin');
	const form = page.getByRole('region', { name: 'New user' });
	await form.getByLabel('Username').fill(`audited-${Date.now()}`);
	await form.getByLabel('Full name').fill('Audited Person');
	await form.getByLabel('Password').fill('a sound passphrase');
	await form.getByRole('button', { name: 'Create user' }).click();
	await expect(page.getByRole('status')).toContainText('created');

	await page.getByRole('link', { name: 'Audit trail and its check' }).click();
	await expect(page.getByRole('status')).toContainText('The chain holds');
	const row = page.getByRole('row').filter({ hasText: 'Created an account' }).first();
	await expect(row).toContainText(admin.displayName);
	await expect(row).not.toContainText('a sound passphrase');
});
