/** The scenario page's and endpoint's query: which version, and which ending's path to show. */
import * as v from 'valibot';
import { m } from '../../paraglide/messages';
import { parseInput } from '../forms';

const query = v.object({
	version: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[1-9][0-9]{0,5}$/, () => m.sview_bad_version()),
			v.transform(Number)
		)
	),
	to: v.optional(v.pipe(v.string(), v.maxLength(100)))
});

/** `?version=` and `?to=`, blank treated as absent; a version that is not a whole number is a 400. */
export function parseQuery(params: URLSearchParams) {
	const input: Record<string, string> = {};
	for (const name of ['version', 'to']) {
		const value = params.get(name)?.trim();
		if (value) input[name] = value;
	}
	return parseInput(query, input);
}
