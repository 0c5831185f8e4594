import { json, type RequestEvent } from '@sveltejs/kit';
import { m } from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';

/** A JSON error in the API's one shape: `{ error, message }`, the message in the caller's language. */
export function apiError(status: number, error: string, message: string, headers?: HeadersInit) {
	return json({ error, message }, { status, headers });
}

/** The request body as JSON, or an error response to return. */
export async function readJson(
	event: RequestEvent
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	try {
		return { ok: true, body: await event.request.json() };
	} catch {
		return { ok: false, response: apiError(400, 'bad_json', m.error_bad_json()) };
	}
}

/** A bilingual text in the language of the request. */
export function inLocale(text: { zh: string; en: string }): string {
	return getLocale() === 'zh-CN' ? text.zh : text.en;
}
