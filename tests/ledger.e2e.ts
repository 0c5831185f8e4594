import {
	test,
	expect,
	freshUser,
	signInAs,
	assignCertification,
	acknowledgeRulebook,
	playCertification
} from './support/fixtures';

test('a trainee acknowledges the rulebook, is penalised in certification with the words quoted, and sees it', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	assignCertification(user.id);
	await signInAs(page.context(), baseURL!, user.username);

	await acknowledgeRulebook(page, /R-01, version \d+/);
	await expect(
		page.getByText(
			'A penalty applies to you only under a version of its clause that you acknowledged'
		)
	).toBeVisible();
	await playCertification(page, 'Calm down. Are you stupid? It is your own fault.');

	await page.goto('/scorecards');
	// Other tests may publish newer versions of P-01 meanwhile: any version in force counts.
	const row = page.getByRole('row', { name: /P-01, version \d+/ });
	await expect(row).toContainText(/−\d+ points/);
	await expect(row).toContainText('Proposed');
	await expect(row).toContainText('Disrespect');
	await expect(row.locator('q')).toContainText(/calm down|stupid|own fault/i);
	// "It is your own fault" also blames the customer: P-02, 5 more points.
	await expect(page.getByRole('row', { name: /P-02, version \d+/ })).toContainText('−5 points');
	await expect(page.getByText(/^Balance: -\d+ points$/).first()).toBeVisible();
	// No raw statuses or codes in the words people read.
	await expect(page.locator('main')).not.toContainText(/P-01@|disrespect|CNY/);
});
