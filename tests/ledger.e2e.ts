import { teamWithMember } from './support/ledger';
import {
	test,
	expect,
	signInAs,
	assignCertification,
	acknowledgeRulebook,
	playCertification
} from './support/fixtures';

test('a trainee acknowledges the rulebook; a rude certification holds penalties for review with the words quoted; the supervisor confirms one and rejects the other from the queue', async ({
	page,
	browser,
	baseURL
}) => {
	const { supervisor, member: user } = await teamWithMember('Ledger team');
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
	// On a new installation no criterion has proven itself: a person decides, nothing counts yet.
	await expect(row).toContainText('Waiting for a reviewer');
	await expect(row).toContainText('cannot be disputed yet');
	await expect(row.getByRole('button', { name: /Dispute/ })).toHaveCount(0);
	await expect(row).toContainText('Disrespect');
	await expect(row.locator('q')).toContainText(/calm down|stupid|own fault/i);
	// "It is your own fault" also blames the customer: P-02, 5 more points, held too.
	await expect(page.getByRole('row', { name: /P-02, version \d+/ })).toContainText('−5 points');
	await expect(page.getByText('Balance: 0 points', { exact: true })).toBeVisible();
	const api = await page.request.get('/api/users/me/ledger');
	expect((await api.json()).map((l: { status: string }) => l.status)).toEqual([
		'awaiting_review',
		'awaiting_review'
	]);
	// No raw statuses or codes in the words people read.
	await expect(page.locator('main')).not.toContainText(/P-01@|disrespect|CNY|awaiting_review/);

	// The supervisor decides from the review queue: P-01 confirmed, P-02 rejected.
	const boss = await browser.newContext({ baseURL });
	await signInAs(boss, baseURL!, supervisor.username);
	const queue = await boss.newPage();
	await queue.goto('/reviews');
	const card = (title: RegExp) =>
		queue.getByRole('listitem').filter({ hasText: user.displayName }).filter({ hasText: title });
	await card(/Disrespect/)
		.getByRole('radio', { name: /Confirm:/ })
		.check();
	await card(/Disrespect/)
		.getByLabel(/Reason/)
		.fill('Insulting the caller: checked against the transcript.');
	await card(/Disrespect/)
		.getByRole('button', { name: 'Record the decision' })
		.click();
	await expect(queue.getByRole('status')).toContainText('Confirmed');
	await card(/Shifting the blame/)
		.getByRole('radio', { name: /Reject:/ })
		.check();
	await card(/Shifting the blame/)
		.getByLabel(/Reason/)
		.fill('Rude, but no one else was blamed.');
	await card(/Shifting the blame/)
		.getByRole('button', { name: 'Record the decision' })
		.click();
	await expect(queue.getByRole('status')).toContainText('Rejected');
	await expect(queue.getByRole('listitem').filter({ hasText: user.displayName })).toHaveCount(2);

	await page.reload();
	await expect(row).toContainText('Proposed');
	await expect(row).toContainText(`Confirmed on review by ${supervisor.displayName}`);
	await expect(page.getByRole('row', { name: /P-02, version \d+/ })).toContainText(
		'Dismissed by a reviewer'
	);
	const points = Number((await row.textContent())!.match(/−(\d+) points/)![1]);
	await expect(page.getByText(`Balance: -${points} points`, { exact: true })).toBeVisible();
	await boss.close();
});
