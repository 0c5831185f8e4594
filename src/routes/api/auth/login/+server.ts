import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { apiInvalid, readJson } from '$lib/server/api';
import { parseInput } from '$lib/server/forms';
import { signIn } from '$lib/server/sign-in';
import { loginSchema } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const read = await readJson(event);
	if (!read.ok) return read.response;
	const parsed = parseInput(loginSchema, read.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
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
