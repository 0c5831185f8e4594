import { test, expect, freshUser, sessionTokenFor } from './support/fixtures';

test('the attempts API plays a scenario, repeats a turn safely and refuses a conflicting one', async ({
	request
}) => {
	const user = await freshUser('trainee');
	const headers = { cookie: `auth-session=${sessionTokenFor(user.username)}` };
	const list = await request.get('/api/scenarios', { headers });
	expect(list.status()).toBe(200);
	expect((await list.json()).map((s: { key: string }) => s.key)).toEqual(
		expect.arrayContaining(['rude-call', 'disputed-fee', 'missed-appointment', 'subsidy-claim'])
	);

	const started = await request.post('/api/attempts', {
		headers,
		data: { scenario: 'rude-call', mode: 'practice' }
	});
	expect(started.status()).toBe(201);
	const { id, customer, done } = await started.json();
	expect(customer.text).toBeTruthy();
	expect(done).toBe(false);

	const text =
		'Hello Mr Zheng, I am so sorry you had to call three times; I understand how frustrating that is.';
	const first = await request.post(`/api/attempts/${id}/replies`, {
		headers,
		data: { text, turn: 0 }
	});
	expect(first.status()).toBe(200);
	const body = await first.json();
	expect(body.assessment.dimensions.apology.score).toBe(1);
	expect(body.customer.text).toBeTruthy();

	const again = await request.post(`/api/attempts/${id}/replies`, {
		headers,
		data: { text, turn: 0 }
	});
	expect(await again.json()).toEqual(body);
	const conflict = await request.post(`/api/attempts/${id}/replies`, {
		headers,
		data: { text: 'Other words', turn: 0 }
	});
	expect(conflict.status()).toBe(409);
	expect((await conflict.json()).error).toBe('turn_conflict');
	const empty = await request.post(`/api/attempts/${id}/replies`, {
		headers,
		data: { text: ' ', turn: 1 }
	});
	expect(empty.status()).toBe(400);

	const read = await request.get(`/api/attempts/${id}`, { headers });
	const attempt = await read.json();
	expect(attempt).toMatchObject({
		id,
		mode: 'practice',
		outcome: null,
		scenario: { key: 'rude-call' }
	});
	expect(attempt.turns.map((t: { speaker: string }) => t.speaker)).toEqual([
		'customer',
		'trainee',
		'customer'
	]);

	const stranger = await freshUser('trainee');
	const hidden = await request.get(`/api/attempts/${id}`, {
		headers: { cookie: `auth-session=${sessionTokenFor(stranger.username)}` }
	});
	expect(hidden.status()).toBe(404);
});
