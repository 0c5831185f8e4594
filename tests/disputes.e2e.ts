import { getDb } from '../src/lib/server/db';
import { teams } from '../src/lib/server/db/schema';
import {
	test,
	expect,
	freshUser,
	signInAs,
	assignCertification,
	acknowledgeRulebook,
	playCertification
} from './support/fixtures';
import * as users from '../src/lib/server/users';

test('a supervisor publishes a new clause version; the trainee acknowledges it, is penalised, disputes, and the supervisor overturns it', async ({
	browser,
	baseURL
}) => {
	const boss = await freshUser('supervisor');
	const team = getDb()
		.insert(teams)
		.values({ name: `Dispute team ${boss.id}`, supervisorId: boss.id })
		.returning()
		.get();
	const trainee = await freshUser('trainee');
	users.assign('system', trainee.id, 'trainee', team.id);
	assignCertification(trainee.id);

	const bossContext = await browser.newContext({ baseURL });
	await signInAs(bossContext, baseURL!, boss.username);
	const bossPage = await bossContext.newPage();
	await bossPage.goto('/criteria/P-01');
	const latest = await bossPage.getByLabel('Points').inputValue();
	await bossPage.getByLabel('Points').fill(String(Number(latest) + 1));
	await bossPage.getByRole('button', { name: 'Publish' }).click();
	await expect(bossPage.getByRole('status')).toContainText(/Published P-01@\d+/);
	await expect(bossPage.getByRole('cell', { name: String(Number(latest) + 1) })).toBeVisible();
	const version = (await bossPage.getByRole('status').textContent())!.match(/P-01@(\d+)/)![1];

	const context = await browser.newContext({ baseURL });
	await signInAs(context, baseURL!, trainee.username);
	const page = await context.newPage();
	await acknowledgeRulebook(page, new RegExp(`P-01@${version}`));
	await playCertification(page, 'Calm down, this is ridiculous.');

	await page.goto('/scorecards');
	const row = page.getByRole('row', { name: new RegExp(`P-01@${version}`) });
	await expect(row.locator('q')).toContainText(/calm down|ridiculous/i);
	const balanceBefore = await page.getByText(/^Balance: -?\d+ points$/).textContent();
	expect(balanceBefore).toContain(`-${Number(latest) + 1}`);
	await row
		.getByLabel('Why do you dispute this entry?')
		.fill('I was repeating what the customer said to me.');
	await row.getByRole('button', { name: /Dispute/ }).click();
	await expect(page.getByRole('status')).toContainText('Your dispute is recorded');

	await bossPage.goto('/scorecards');
	await bossPage
		.getByRole('link', { name: /Balance/ })
		.filter({ hasText: `-${Number(latest) + 1}` })
		.first()
		.click();
	await bossPage.getByLabel('Written reason').fill('Fair point: the words were a quotation.');
	await bossPage.getByRole('button', { name: 'Accept', exact: true }).click();
	await expect(bossPage.getByRole('status')).toHaveText('Saved.');

	await page.reload();
	await expect(page.getByText('Balance: 0 points', { exact: true })).toBeVisible();
	await expect(
		page.getByRole('row', { name: new RegExp(`P-01@${version}`) }).first()
	).toContainText(/Reversed|reverses/);
	await context.close();
	await bossContext.close();
});
