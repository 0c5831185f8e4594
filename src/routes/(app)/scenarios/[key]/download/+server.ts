import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as studio from '$lib/server/studio';
import { studioFailure } from '$lib/server/studio/errors';
import type { RequestHandler } from './$types';

const query = v.object({
	version: v.pipe(
		v.string(() => m.studio_version_required()),
		v.regex(/^\d{1,9}$/, () => m.studio_version_required()),
		v.transform(Number)
	)
});

// A published version's YAML exactly as it was published, as a file named key-vN.yaml.
export const GET: RequestHandler = (event) => {
	const user = authorize(event, 'scenarios');
	const parsed = parseInput(query, Object.fromEntries(event.url.searchParams));
	if (!parsed.ok) error(400, Object.values(parsed.errors)[0]);
	let file: ReturnType<typeof studio.download>;
	try {
		file = studio.download(user, event.params.key, parsed.data.version);
	} catch (e) {
		const failure = studioFailure(e);
		if (!failure) throw e;
		error(failure.status, failure.message);
	}
	if (!file) error(404, m.studio_version_missing());
	return new Response(file.source, {
		headers: {
			'content-type': 'application/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="${file.filename}"`
		}
	});
};
