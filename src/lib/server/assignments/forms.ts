/**
 * The inputs of assignments as schemas: the API's JSON body and the page's forms give the same
 * `NewAssignment`, so both refuse the same input with the same words. Whether a due date lies in
 * the future is the domain's to say (it knows the time); here it only has to be a date.
 */
import { TZDate } from '@date-fns/tz';
import * as v from 'valibot';
import { endOfDay } from '../../engine/rulebook/period';
import { m } from '../../paraglide/messages';
import { timeZone } from '../config';
import { attemptModes, type AttemptMode } from '../db/schema';

export const NOTE_MAX = 500;
export const MAX_PEOPLE = 500;

export type NewAssignment = {
	/** `version` null: the newest version when the trainee starts. */
	scenario: { key: string; version: number | null };
	target: { userIds: number[] } | { teamId: number };
	mode: AttemptMode;
	dueAt: Date;
	note: string | null;
};

const MOMENT =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A due moment: a day (YYYY-MM-DD, due at its end), a wall-clock time as a `datetime-local` field
 * gives it (on the company's clock), or a moment with its offset, taken as it is. Null when the
 * text is none of these or names a day that does not exist.
 */
export function parseDue(text: string, zone = timeZone()): Date | null {
	const match = MOMENT.exec(text);
	if (!match) return null;
	const [, y, mo, d, h, mi, s, offset] = match;
	const [year, month, day] = [Number(y), Number(mo), Number(d)];
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
	if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
	if (h === undefined) return endOfDay(`${y}-${mo}-${d}`, zone);
	const at = offset
		? new Date(text)
		: new Date(
				new TZDate(year, month - 1, day, Number(h), Number(mi), Number(s ?? 0), zone).getTime()
			);
	return Number.isNaN(at.getTime()) ? null : at;
}

const dueAt = v.pipe(
	v.string(() => m.assign_due_required()),
	v.trim(),
	v.nonEmpty(() => m.assign_due_required()),
	v.maxLength(40, () => m.assign_due_invalid()),
	v.check(
		(s) => parseDue(s) !== null,
		() => m.assign_due_invalid()
	),
	v.transform((s) => parseDue(s)!)
);

const note = v.pipe(
	v.nullish(
		v.string(() => m.error_bad_value()),
		''
	),
	v.trim(),
	v.maxLength(NOTE_MAX, () => m.error_too_long({ max: NOTE_MAX })),
	v.transform((s) => (s === '' ? null : s))
);

const mode = v.picklist(attemptModes, () => m.assign_mode_invalid());

const scenarioKey = v.pipe(
	v.string(() => m.assign_scenario_required()),
	v.trim(),
	v.nonEmpty(() => m.assign_scenario_required()),
	v.maxLength(100, () => m.assign_refused_unknown_scenario())
);

const wholeId = (message: () => string) =>
	v.pipe(
		v.number(message),
		v.integer(message),
		v.minValue(1, message),
		v.maxValue(Number.MAX_SAFE_INTEGER, message)
	);

const formId = (message: () => string) =>
	v.pipe(v.string(message), v.regex(/^\d{1,12}$/, message), v.transform(Number));

const unique = (ids: number[]) => [...new Set(ids)];

/** `POST /api/assignments`: people by id or a whole team, never both. */
export const createBodySchema = v.pipe(
	v.object({
		scenario: v.union(
			[
				scenarioKey,
				v.object({
					key: scenarioKey,
					version: wholeId(() => m.assign_version_invalid())
				})
			],
			() => m.assign_scenario_required()
		),
		userIds: v.optional(
			v.pipe(
				v.array(
					wholeId(() => m.assign_people_invalid()),
					() => m.assign_people_invalid()
				),
				v.minLength(1, () => m.assign_choose_target()),
				v.maxLength(MAX_PEOPLE, () => m.assign_too_many({ max: MAX_PEOPLE }))
			)
		),
		teamId: v.optional(wholeId(() => m.assign_team_invalid())),
		mode,
		dueAt,
		note
	}),
	v.forward(
		v.partialCheck(
			[['userIds'], ['teamId']],
			(input) => (input.userIds === undefined) !== (input.teamId === undefined),
			() => m.assign_choose_target()
		),
		['userIds']
	),
	v.transform((input): NewAssignment => ({
		scenario:
			typeof input.scenario === 'string'
				? { key: input.scenario, version: null }
				: { key: input.scenario.key, version: input.scenario.version },
		target:
			input.teamId !== undefined
				? { teamId: input.teamId }
				: { userIds: unique(input.userIds ?? []) },
		mode: input.mode,
		dueAt: input.dueAt,
		note: input.note
	}))
);

/** The page's form: a scenario, a version ('' for the newest), people or a team. */
export const createFormSchema = v.pipe(
	v.object({
		scenario: scenarioKey,
		version: v.pipe(
			v.optional(v.string(), ''),
			v.regex(/^\d{0,6}$/, () => m.assign_version_invalid()),
			v.transform((s) => (s === '' ? null : Number(s)))
		),
		target: v.picklist(['people', 'team'], () => m.assign_choose_target()),
		userIds: v.pipe(
			v.array(formId(() => m.assign_people_invalid())),
			v.maxLength(MAX_PEOPLE, () => m.assign_too_many({ max: MAX_PEOPLE }))
		),
		teamId: v.optional(v.string(), ''),
		mode,
		dueAt,
		note
	}),
	v.forward(
		v.partialCheck(
			[['target'], ['userIds']],
			(input) => input.target !== 'people' || input.userIds.length > 0,
			() => m.assign_people_required()
		),
		['userIds']
	),
	v.forward(
		v.partialCheck(
			[['target'], ['teamId']],
			(input) => input.target !== 'team' || /^\d{1,12}$/.test(input.teamId),
			() => m.assign_team_required()
		),
		['teamId']
	),
	v.transform((input): NewAssignment => ({
		scenario: { key: input.scenario, version: input.version },
		target:
			input.target === 'team'
				? { teamId: Number(input.teamId) }
				: { userIds: unique(input.userIds) },
		mode: input.mode,
		dueAt: input.dueAt,
		note: input.note
	}))
);

/** The fields of the create form as the schema reads them (people may be chosen several times). */
export function createFormInput(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	return {
		scenario: text('scenario'),
		version: text('version'),
		target: text('target'),
		userIds: form.getAll('userIds').filter((x) => typeof x === 'string'),
		teamId: text('teamId'),
		mode: text('mode'),
		dueAt: text('dueAt'),
		note: text('note')
	};
}

const ids = v.pipe(
	v.array(formId(() => m.assign_refused_not_found())),
	v.minLength(1, () => m.assign_refused_not_found()),
	v.maxLength(MAX_PEOPLE, () => m.assign_too_many({ max: MAX_PEOPLE })),
	v.transform(unique)
);

/** Extend: the assignments (one person's, or a whole group's) and the new due date. */
export const extendFormSchema = v.object({ ids, dueAt });
/** Withdraw: the assignments. */
export const withdrawFormSchema = v.object({ ids });

/** The ids and the due date of an extend or withdraw form. */
export function manageFormInput(form: FormData) {
	const due = form.get('dueAt');
	return {
		ids: form.getAll('ids').filter((x) => typeof x === 'string'),
		dueAt: typeof due === 'string' ? due : undefined
	};
}

/** `PATCH /api/assignments/[id]`: a new due date. */
export const extendBodySchema = v.object({ dueAt });

/** A moment as a `datetime-local` field shows it, on the company's clock (YYYY-MM-DDTHH:mm). */
export function localInput(at: Date, zone = timeZone()): string {
	const t = new TZDate(at.getTime(), zone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())}T${two(t.getHours())}:${two(t.getMinutes())}`;
}
