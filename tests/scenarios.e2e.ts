import { test, expect, freshUser, signInAs } from './support/fixtures';

test('a trainer sees the four published reference scenarios, in both languages', async ({
	page,
	baseURL
}) => {
	// A trainer of its own: switching the language is saved with the account.
	const trainer = await freshUser('trainer');
	await signInAs(page.context(), baseURL!, trainer.username);
	await page.goto('/scenarios');
	const cards = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
	await expect(cards).toHaveCount(4);
	await expect(
		page.getByRole('heading', { name: '"Is your company about to go bankrupt?"' })
	).toBeVisible();
	const rude = cards.filter({ hasText: 'Is your company about to go bankrupt?' });
	await expect(rude).toContainText('Rude caller');
	await expect(rude).toContainText('Public complaint');
	await expect(rude).toContainText('Rude caller and a brush-off');
	await expect(rude).not.toContainText(/rude-call|C12/);

	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { name: '“你们公司是不是快倒闭了？”' })).toBeVisible();
	await expect(cards.filter({ hasText: '空调安装管材多收费' })).toContainText('收费争议');
});
