import {
	test,
	expect,
	freshUser,
	signInAs,
	acknowledgeRulebook,
	playCertification
} from './support/fixtures';
import { assignCertification } from './support/fixtures';
import { teamWithMember } from './support/ledger';

test('a supervisor drafts a change to a clause; a second person approves it and an admin publishes it; the trainee acknowledges it, is penalised, disputes, and the supervisor partly accepts', async ({
	browser,
	baseURL
}) => {
	const { supervisor, member: trainee } = await teamWithMember('Dispute team');
	const admin = await freshUser('admin');
	assignCertification(trainee.id);

	// The supervisor proposes one more point for P-01: a draft, not a new version.
	const bossContext = await browser.newContext({ baseURL });
	await signInAs(bossContext, baseURL!, supervisor.username);
	const bossPage = await bossContext.newPage();
	await bossPage.goto('/criteria/P-01');
	await bossPage.getByRole('button', { name: 'Propose a change' }).click();
	await expect(bossPage.getByRole('heading', { name: 'Draft of P-01' })).toBeVisible();
	const points = bossPage.getByLabel('Points', { exact: true });
	const latest = Number(await points.inputValue());
	await points.fill(String(latest + 1));
	await bossPage.getByRole('button', { name: 'Save the draft' }).click();
	await expect(bossPage.getByRole('status')).toContainText('Draft saved');
	await expect(bossPage.getByRole('row', { name: /Points/ })).toContainText(
		`−${latest + 1} points`
	);
	// The author cannot approve their own draft.
	await expect(bossPage.getByRole('button', { name: 'Approve this draft' })).toHaveCount(0);
	const draftUrl = bossPage.url();

	// An admin approves and publishes it (P-01 applies to every team: a supervisor may not).
	const adminContext = await browser.newContext({ baseURL });
	await signInAs(adminContext, baseURL!, admin.username);
	const adminPage = await adminContext.newPage();
	await adminPage.goto(draftUrl);
	await adminPage.getByRole('button', { name: 'Approve this draft' }).click();
	await expect(adminPage.getByRole('status')).toContainText('Approved');
	await bossPage.reload();
	await expect(bossPage.getByText('an admin must publish it')).toBeVisible();
	await adminPage.getByRole('button', { name: 'Publish as a new version' }).click();
	await expect(adminPage.getByRole('status')).toContainText(/Published P-01, version \d+/);
	const version = (await adminPage.getByRole('status').textContent())!.match(/version (\d+)/)![1];
	await adminPage.goto('/criteria/P-01');
	await expect(
		adminPage.getByText(
			new RegExp(
				`Written by .* · approved by ${admin.displayName} · published by ${admin.displayName}`
			)
		)
	).toBeVisible();

	// The trainee acknowledges the new version, is penalised under it and disputes.
	const context = await browser.newContext({ baseURL });
	await signInAs(context, baseURL!, trainee.username);
	const page = await context.newPage();
	await acknowledgeRulebook(page, new RegExp(`P-01, version ${version}`));
	await playCertification(page, 'Calm down, this is ridiculous.');
	// Held for review first: the supervisor confirms it from the queue.
	await bossPage.goto('/reviews');
	const held = bossPage.getByRole('listitem').filter({ hasText: trainee.displayName });
	await held.getByRole('radio', { name: /Confirm:/ }).check();
	await held.getByLabel(/Reason/).fill('The reply was dismissive: checked.');
	await held.getByRole('button', { name: 'Record the decision' }).click();
	await expect(bossPage.getByRole('status')).toContainText('Confirmed');
	await page.goto('/scorecards');
	const row = page.getByRole('row', { name: new RegExp(`P-01, version ${version}`) });
	await expect(row.locator('q')).toContainText(/calm down|ridiculous/i);
	await expect(page.getByText(/^Balance: -?\d+ points$/)).toContainText(`-${latest + 1}`);
	await row
		.getByLabel('Why do you dispute this entry?')
		.fill('I was repeating what the customer said.');
	await row.getByRole('button', { name: /Dispute/ }).click();
	await expect(page.getByRole('status')).toContainText('Your dispute is recorded');

	// The supervisor partly accepts: the points field is offered only for that choice.
	await bossPage.goto(`/scorecards/${trainee.id}`);
	const rule = bossPage.getByRole('group', { name: 'Your ruling' });
	await expect(bossPage.getByLabel('Adjusted points')).toBeHidden();
	await rule.getByLabel('Partly accept').check();
	await expect(bossPage.getByLabel('Adjusted points')).toBeVisible();
	await bossPage.getByLabel('Adjusted points').fill(String(latest + 5));
	await bossPage.getByLabel('Written reason').fill('Half: the tone was still sharp.');
	await bossPage.getByRole('button', { name: 'Send the ruling' }).click();
	await expect(bossPage.getByRole('alert')).toContainText('keeps the entry');
	await bossPage.getByLabel('Adjusted points').fill('-3');
	await bossPage.getByLabel('Written reason').fill('Half: the tone was still sharp.');
	await bossPage.getByRole('button', { name: 'Send the ruling' }).click();
	await expect(bossPage.getByRole('status')).toHaveText('Saved.');

	await page.reload();
	await expect(page.getByText('Balance: -3 points', { exact: true })).toBeVisible();
	await expect(page.getByText('Dispute partly accepted').first()).toBeVisible();
	await expect(page.getByText(`Ruling by ${supervisor.displayName}`).first()).toBeVisible();
	for (const c of [context, bossContext, adminContext]) await c.close();
});
