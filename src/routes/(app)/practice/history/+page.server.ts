import * as attempts from '$lib/server/attempts';
import { authorize } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'practice');
	const list = attempts.listFor(user.id).map((a) => ({
		id: a.id,
		title: { en: a.titleEn, zh: a.titleZh },
		version: a.version,
		mode: a.mode,
		done: a.done,
		outcome: a.outcome,
		// Certification scores show once the attempt is over.
		score: a.mode === 'certification' && !a.done ? null : a.score,
		startedAt: a.startedAt.toISOString()
	}));
	return { attempts: list };
};
