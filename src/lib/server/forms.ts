import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '../paraglide/messages';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * What a person reads when a schema gives no message of its own: in their language, saying what
 * to fix. Schemas name their own messages where they can; this is the floor, so that no library
 * text ("Invalid type: Expected …") ever reaches anyone.
 */
function fallbackMessage(issue: v.BaseIssue<unknown>): string {
	const limit = String(issue.requirement ?? '');
	switch (issue.type) {
		case 'min_value':
			return m.error_min_value({ min: limit });
		case 'max_value':
			return m.error_max_value({ max: limit });
		case 'max_length':
			return m.error_too_long({ max: limit });
		case 'min_length':
		case 'non_empty':
			return m.error_required();
		case 'integer':
			return m.error_whole_number();
		case 'picklist':
		case 'literal':
		case 'variant':
			return m.error_choose_option();
		case 'string':
		case 'object':
			return issue.received === 'undefined' ? m.error_required() : m.error_bad_value();
		default:
			return m.error_bad_value();
	}
}
v.setGlobalMessage(fallbackMessage);

/** Validates form fields against a valibot object schema; the first problem per field is kept. */
export function parseForm<S extends v.GenericSchema>(
	schema: S,
	form: FormData
): Parsed<v.InferOutput<S>> {
	const input: Record<string, unknown> = {};
	for (const [key, value] of form) if (typeof value === 'string') input[key] = value;
	return parseInput(schema, input);
}

export function parseInput<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): Parsed<v.InferOutput<S>> {
	const result = v.safeParse(schema, input);
	if (result.success) return { ok: true, data: result.output };
	const errors: FieldErrors = {};
	for (const issue of result.issues) {
		const key = v.getDotPath(issue) ?? 'form';
		errors[key] ??= issue.message;
	}
	return { ok: false, errors };
}

/** The status SvelteKit's body reader gives a body over the size limit (BODY_SIZE_LIMIT). */
export const isTooLarge = (e: unknown) =>
	typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 413;

/**
 * The posted form. A body over the size limit is 413 and a body that is not a form (a broken
 * multipart, say) is 400, each with a message in the user's language: never an error 500.
 */
export async function readForm(event: RequestEvent): Promise<FormData> {
	try {
		return await event.request.formData();
	} catch (e) {
		if (isTooLarge(e)) error(413, m.error_too_large());
		error(400, m.error_bad_form());
	}
}

/** Reads and validates a posted form in one step. */
export async function parseRequest<S extends v.GenericSchema>(
	event: RequestEvent,
	schema: S
): Promise<Parsed<v.InferOutput<S>>> {
	return parseForm(schema, await readForm(event));
}
