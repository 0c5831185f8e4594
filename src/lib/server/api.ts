import { json, type RequestEvent } from '@sveltejs/kit';
import { m } from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';
import { isTooLarge } from './forms';

/** A JSON error in the API's one shape: `{ error, message }`, the message in the caller's language. */
export function apiError(status: number, error: string, message: string, headers?: HeadersInit) {
	return json({ error, message }, { status, headers });
}

/** The largest JSON body an endpoint reads: every request the API takes is far smaller. */
export const JSON_LIMIT = 64 * 1024;

/**
 * The request body as JSON, or the error response to return: 413 for a body over `limit` (ours,
 * or the server's BODY_SIZE_LIMIT), 400 for one that is not JSON.
 */
export async function readJson(
	event: RequestEvent,
	limit = JSON_LIMIT
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const tooLarge = () => ({
		ok: false as const,
		response: apiError(413, 'too_large', m.error_too_large())
	});
	if (Number(event.request.headers.get('content-length') ?? 0) > limit) return tooLarge();
	let text: string;
	try {
		text = await event.request.text();
	} catch (e) {
		if (isTooLarge(e)) return tooLarge();
		return { ok: false, response: apiError(400, 'bad_json', m.error_bad_json()) };
	}
	if (text.length > limit) return tooLarge();
	try {
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return { ok: false, response: apiError(400, 'bad_json', m.error_bad_json()) };
	}
}

/** A bilingual text in the language of the request. */
export function inLocale(text: { zh: string; en: string }): string {
	return getLocale() === 'zh-CN' ? text.zh : text.en;
}

/** 400 for input that failed its schema: the first problem as the message, and every field's. */
export function apiInvalid(errors: Record<string, string>) {
	return json(
		{
			error: 'bad_request',
			message: Object.values(errors)[0] ?? m.error_bad_request(),
			fields: errors
		},
		{ status: 400 }
	);
}
