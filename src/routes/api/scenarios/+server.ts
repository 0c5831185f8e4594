import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { apiError, apiInvalid, readJson } from '$lib/server/api';
import { parseInput } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as scenarios from '$lib/server/scenarios';
import * as studio from '$lib/server/studio';
import { studioFailure } from '$lib/server/studio/errors';
import { sourceField } from '$lib/server/studio/forms';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	authorize(event);
	return json(
		scenarios.listLatest().map((s) => ({
			key: s.key,
			version: s.version,
			title: { zh: s.titleZh, en: s.titleEn },
			category: s.category,
			difficulty: s.difficulty
		}))
	);
};

const publishBody = v.object({ yaml: sourceField }, () => m.studio_yaml_required());

// Publishes a scenario written as YAML: the same checks and import as the seed, or 400 with every
// problem located and nothing stored. Unchanged content keeps its version (200, created: false).
export const POST: RequestHandler = async (event) => {
	const user = authorize(event, 'scenarios');
	const body = await readJson(event);
	if (!body.ok) return body.response;
	const parsed = parseInput(publishBody, body.body);
	if (!parsed.ok) return apiInvalid(parsed.errors);
	try {
		const published = studio.publishSource(user, parsed.data.yaml);
		return json(
			{ key: published.key, version: published.version, created: published.created },
			{ status: published.created ? 201 : 200 }
		);
	} catch (e) {
		const failure = studioFailure(e);
		if (!failure) throw e;
		if (failure.error !== 'invalid')
			return apiError(failure.status, failure.error, failure.message);
		return json(
			{ error: 'invalid', message: failure.message, problems: failure.problems },
			{ status: 400 }
		);
	}
};
