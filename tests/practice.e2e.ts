import type { Page } from '@playwright/test';
import { test, expect, freshUser, signInAs, assignCertification } from './support/fixtures';

const calm = '您好郑先生，非常抱歉让您打了三次电话，换作是我也会着急。';
const restate = '我确认一下：您10月28日买的电视，约定11月2日前送货，到现在还没送到，对吗？';
const plan = '由我负责跟进，我现在就给您加急安排明天上午送货安装，今天下午五点前给您回电确认。';

async function startRudeCall(page: Page) {
	await page.goto('/practice');
	const card = page
		.getByRole('listitem')
		.filter({ hasText: 'Is your company about to go bankrupt?' })
		.last();
	await card.getByRole('button', { name: /Start practice/ }).click();
	await expect(page).toHaveURL(/\/practice\/\d+$/);
}

async function send(page: Page, text: string) {
	const before = await page.locator('.transcript > li').count();
	await page.getByLabel('Your reply').fill(text);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.locator('.transcript > li'))
		.toHaveCount(before + 2, { timeout: 10_000 })
		.catch(async () => {
			await expect(page.locator('.transcript > li')).toHaveCount(before + 1);
		});
}

test('a trainee calms the caller, asks for specifics and resolves the rude call', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await startRudeCall(page);
	await expect(page.getByRole('heading', { name: 'Briefing' })).toBeVisible();
	await send(page, calm);
	await expect(page.getByText(/Score \d+/).first()).toBeVisible();
	await expect(page.locator('mark').first()).toBeVisible();
	// A reload in the middle resumes at the same turn.
	await page.reload();
	await expect(page.locator('.transcript > li')).toHaveCount(3);
	await send(page, restate);
	await send(page, plan);
	await expect(page.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();
	await expect(page.getByText('Outcome: Resolved')).toBeVisible();
	await expect(page.getByText(/Total score \d+/)).toBeVisible();
	await expect(page.getByText('What a strong reply could say').first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('insulting the caller ends the call badly', async ({ page, baseURL }) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await startRudeCall(page);
	await send(page, 'Calm down. Are you stupid? Complain all you want.');
	await expect(page.getByText('Outcome: Customer hung up')).toBeVisible();
	await expect(page.getByText('Problems: Disrespect')).toBeVisible();
});

test('without JavaScript the whole attempt works through form posts', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const user = await freshUser('trainee');
	await signInAs(context, baseURL!, user.username);
	const page = await context.newPage();
	await startRudeCall(page);
	for (const text of [calm, restate, plan]) {
		await page.getByLabel('Your reply').fill(text);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page).toHaveURL(/\/practice\/\d+$/);
	}
	await expect(page.getByText('Outcome: Resolved')).toBeVisible();
	await context.close();
});

test('an empty reply gets a clear message and does not use up the turn', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await startRudeCall(page);
	await page.locator('form.reply').evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByLabel('Your reply').fill('   ');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('alert')).toHaveText('Write a reply before sending.');
	await expect(page.locator('.transcript > li')).toHaveCount(1);
});

test('reply text is shown as text: script and image payloads stay inert', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	let alerted = false;
	page.on('dialog', async (dialog) => {
		alerted = true;
		await dialog.dismiss();
	});
	await startRudeCall(page);
	const payload = `<script>alert(1)</script><img src=x onerror="alert(2)"> sorry`;
	await send(page, payload);
	await expect(page.locator('.trainee .bubble').first()).toContainText('<script>alert(1)</script>');
	expect(await page.locator('.transcript img').count()).toBe(0);
	expect(alerted).toBe(false);
});

test('certification hides feedback until the end', async ({ page, baseURL }) => {
	const trainee = await freshUser('trainee');
	assignCertification(trainee.id);
	await signInAs(page.context(), baseURL!, trainee.username);
	await page.goto('/practice');
	const assigned = page.getByRole('region', { name: 'Your assignments' });
	await assigned.getByRole('button', { name: 'Start certification' }).click();
	await expect(page).toHaveURL(/\/practice\/\d+$/);
	await expect(
		page.getByText('Certification: feedback is shown when the conversation ends.')
	).toBeVisible();
	await send(page, calm);
	await expect(page.getByText(/Score \d+/)).toHaveCount(0);
	await send(page, 'Calm down. Are you stupid?');
	await expect(page.getByText(/Score \d+/)).toHaveCount(0);
	await send(page, 'Calm down. Are you stupid?');
	await expect(page.getByRole('heading', { name: 'The conversation has ended' })).toBeVisible();
	await expect(page.getByText('Outcome: Public complaint')).toBeVisible();
	await expect(page.getByText(/Score \d+/).first()).toBeVisible();
});

test('feedback judges what the moment asks for, with reasons in words beside numbered highlights', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await startRudeCall(page);
	await send(page, calm);
	const feedback = page.locator('.feedback').first();
	await expect(feedback).toContainText('What this moment of the conversation asks for');
	await expect(feedback.getByRole('listitem').filter({ hasText: 'Apology' })).toContainText('✓');
	// No solution is asked of an opening that calms the caller, so none is counted against it.
	await expect(feedback).not.toContainText('Solution');
	await expect(feedback.locator('ol.evidence li').first()).toContainText(/—/);
	await expect(feedback).toContainText('apologised');
	await expect(page.locator('.trainee .bubble sup').first()).toHaveText('1');
	await expect(page.locator('main')).not.toContainText(/pattern|phrase "|rule:/);
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.locator('.feedback').first()).toContainText('表达了歉意');

	await page.getByLabel('您的回复').fill('您好 抱歉 理解 我来负责 今天下午五点前 按照规定 对吗');
	await page.getByRole('button', { name: '发送' }).click();
	await expect(page.locator('.feedback').last()).toContainText('一串关键词');
	await expect(page.getByRole('link', { name: '回复如何评分' })).toBeVisible();
	await page.getByRole('link', { name: '回复如何评分' }).click();
	await expect(page.getByRole('heading', { name: '计分公式' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '规则与学习型评分器' })).toBeVisible();
	await expect(page.locator('main')).toContainText('可信度在 30% 到 50% 之间的只是可能的问题');
});

test('a possible problem is shown for a person to check, and a finding only the model made says what it resembles', async ({
	page,
	baseURL
}) => {
	const user = await freshUser('trainee');
	await signInAs(page.context(), baseURL!, user.username);
	await startRudeCall(page);
	await send(
		page,
		'We get a lot of calls like this, to be honest. Most customers figure it out themselves.'
	);
	const first = page.locator('.feedback').first();
	await expect(first).toContainText(
		'Possible problem, for a person to check (it did not change your score): Disrespect'
	);
	await expect(first.locator('ol.evidence li.unsure').first()).toContainText('not certain');
	await expect(first).not.toContainText('Problems:');

	await send(page, 'Hello, honestly most people manage to read the delivery note.');
	const second = page.locator('.feedback').last();
	await expect(second).toContainText(/Problems: .*Disrespect/);
	await expect(second.locator('ol.evidence li.bad').first()).toContainText('was disrespectful');
	await expect(second).toContainText('because it resembles a labelled reply: “');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.locator('.feedback').last()).toContainText('与一条已标注的回复相似：“');
});
