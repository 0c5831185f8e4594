import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseInput } from '$lib/server/forms';
import { signIn } from '$lib/server/sign-in';
import { loginSchema } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ error: 'bad_json', message: m.error_bad_json() }, { status: 400 });
	}
	const parsed = parseInput(loginSchema, body);
	if (!parsed.ok) {
		return json(
			{ error: 'bad_request', message: m.error_bad_request(), fields: parsed.errors },
			{ status: 400 }
		);
	}
	const result = await signIn(event, parsed.data.username, parsed.data.password);
	if (result.ok) {
		const { id, username, role } = result.user;
		return json({ user: { id, username, role } });
	}
	if (result.reason === 'throttled') {
		const minutes = Math.ceil(result.retryAfterSeconds / 60);
		return json(
			{ error: 'throttled', message: m.login_throttled({ minutes }) },
			{ status: 429, headers: { 'retry-after': String(result.retryAfterSeconds) } }
		);
	}
	return json({ error: 'invalid_credentials', message: m.login_failed() }, { status: 401 });
};
