import * as v from 'valibot';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

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
