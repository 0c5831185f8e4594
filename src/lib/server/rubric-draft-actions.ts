import { error, fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { ChangeRefusal } from '../engine/scoring/rubric-changes';
import { formatProblem } from '../engine/source';
import { m } from '../paraglide/messages';
import { canAuthorContent } from './access';
import { authorize } from './guard';
import { RubricDraftRefused, refusalStatus, type Refusal } from './rubric-drafts';

/** The signed-in author of rubric content (trainers and admins); anyone else gets 403. */
export function author(event: RequestEvent) {
	const user = authorize(event);
	if (!canAuthorContent(user)) error(403, m.error_forbidden());
	return user;
}

const refusalMessage: Record<Refusal, () => string> = {
	not_found: m.error_body_404,
	not_allowed: m.error_forbidden,
	stale: m.rdraft_refused_stale,
	closed: m.rdraft_refused_closed,
	invalid_change: m.error_bad_value,
	does_not_load: m.rdraft_refused_does_not_load,
	no_change: m.rdraft_refused_no_change,
	outdated_base: m.rdraft_refused_outdated_base,
	no_sets: m.rdraft_refused_no_sets
};

/** Why a phrase or example was refused, in words the trainer can act on. */
export function changeMessage(refusal: ChangeRefusal): string {
	switch (refusal.reason) {
		case 'empty':
			return m.rdraft_value_empty();
		case 'too_long':
			return m.error_too_long({ max: String(refusal.max) });
		case 'multiline':
			return m.rdraft_value_multiline();
		case 'pattern_like':
			return m.rdraft_value_pattern_like({ char: refusal.char, at: String(refusal.at) });
		case 'no_words':
			return m.rdraft_value_no_words();
		case 'wrong_language':
			return m.rdraft_value_wrong_language();
		case 'unknown_criterion':
			return m.rdraft_value_unknown_criterion();
		case 'already_there':
			return m.rdraft_value_already_there();
		case 'not_there':
			return m.rdraft_value_not_there();
		case 'last_example':
			return m.rdraft_value_last_example();
		case 'unreadable':
			return m.rdraft_value_unreadable();
	}
}

/** Runs a draft step; a refusal becomes a form failure with its message, anything else throws. */
export function draftStep<T>(run: () => T) {
	try {
		return { ok: true as const, value: run() };
	} catch (e) {
		if (!(e instanceof RubricDraftRefused)) throw e;
		const message = e.detail.change ? changeMessage(e.detail.change) : refusalMessage[e.reason]();
		const problems = (e.detail.problems ?? []).map(formatProblem);
		return {
			ok: false as const,
			failure: fail(refusalStatus(e.reason), { message, problems })
		};
	}
}

export const draftIdOf = (raw: string | undefined) =>
	raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;

const revision = v.pipe(
	v.string(),
	v.regex(/^\d{1,9}$/, () => m.error_bad_value()),
	v.transform(Number)
);

export const revisionSchema = v.object({ revision });

export const changeSchema = v.object({
	revision,
	criterion: v.pipe(
		v.string(),
		v.regex(/^(?:dimension|violation):[a-z][a-z0-9_]*$/, () => m.rdraft_choose_criterion())
	),
	op: v.picklist(['add', 'remove'], () => m.error_choose_option()),
	field: v.picklist(['phrase', 'example'], () => m.error_choose_option()),
	lang: v.picklist(['zh', 'en'], () => m.error_choose_option()),
	value: v.pipe(
		v.string(() => m.rdraft_value_empty()),
		v.maxLength(2000, () => m.error_too_long({ max: '300' }))
	)
});

export const undoSchema = v.object({
	revision,
	index: v.pipe(
		v.string(),
		v.regex(/^\d{1,4}$/, () => m.error_bad_value()),
		v.transform(Number)
	)
});

export const createSchema = v.object({
	note: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.maxLength(200, () => m.error_too_long({ max: '200' }))
		),
		''
	)
});
