import { getDb } from '../src/lib/server/db';
import { assignments } from '../src/lib/server/db/schema';
import { test, expect, freshUser, signInAs } from './support/fixtures';

test('a trainee acknowledges the rulebook, is penalised in certification with the words quoted, and sees it', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	getDb()
		.insert(assignments)
		.values({
			userId: user.id,
			scenarioKey: 'rude-call',
			mode: 'certification',
			dueAt: new Date(Date.now() + 86_400_000)
		})
		.run();
	await signInAs(page.context(), baseURL!, user.username);

	await page.goto('/criteria');
	await expect(page.getByRole('heading', { name: /R-01@\d+/ })).toBeVisible();
	await page.getByRole('button', { name: 'I have read and acknowledge them' }).click();
	await expect(page.getByRole('status')).toContainText('Acknowledged');

	await page.goto('/practice');
	await page
		.getByRole('region', { name: 'Your assignments' })
		.getByRole('button', { name: 'Start certification' })
		.click();
	await page.getByLabel('Your reply').fill('Calm down. Are you stupid? It is your own fault.');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();

	await page.goto('/scorecards');
	// Other tests may publish newer versions of P-01 meanwhile: any version in force counts.
	const row = page.getByRole('row', { name: /P-01@\d+/ });
	await expect(row).toContainText(/-\d+/);
	await expect(row).toContainText('Proposed');
	await expect(row.locator('q')).toContainText(/calm down|stupid|own fault/i);
	// "It is your own fault" also blames the customer: P-02, 5 more points.
	await expect(page.getByRole('row', { name: /P-02@\d+/ })).toContainText('-5');
	await expect(page.getByText(/^Balance: -\d+ points$/).first()).toBeVisible();
});
