import * as v from 'valibot';
import {
	CAP_BOUNDS,
	isRealDate,
	MONEY_BOUNDS,
	POINT_BOUNDS,
	type Clause,
	type ClauseKind
} from '../engine/rulebook/schema';
import { m } from '../paraglide/messages';

const text = (max = 1000) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty(() => m.error_required()),
		v.maxLength(max, () => m.error_too_long({ max }))
	);
const whole = (min: number, max: number) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.regex(/^\d{1,6}$/, () => m.error_whole_number()),
		v.transform(Number),
		v.minValue(min, () => m.error_min_value({ min })),
		v.maxValue(max, () => m.error_max_value({ max }))
	);
const day = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.check(
		(s) => s === '' || isRealDate(s),
		() => m.error_date()
	)
);

/**
 * The draft editor's form, for a clause of a known kind: every field, each with a message that says
 * what to fix. Points and money are bounded per kind; the sign follows the kind.
 */
export function draftFormSchema(kind: ClauseKind, violationIds: string[], teamNames: string[]) {
	const triggers =
		kind === 'penalty'
			? (['certification_critical_violation'] as const)
			: ([
					'certification_score_at_least',
					'certification_improvement',
					'certification_resolved_clean',
					'period_assignments_on_time'
				] as const);
	return v.pipe(
		v.object({
			revision: v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number)),
			titleZh: text(120),
			titleEn: text(120),
			definitionZh: text(),
			definitionEn: text(),
			countsZh: text(),
			countsEn: text(),
			doesNotCountZh: text(),
			doesNotCountEn: text(),
			exampleZh: text(),
			exampleEn: text(),
			triggerType: v.picklist(triggers, () => m.error_choose_option()),
			triggerMin: v.optional(v.string(), ''),
			triggerBy: v.optional(v.string(), ''),
			violations: v.optional(v.array(v.picklist(violationIds, () => m.error_choose_option())), []),
			points: whole(POINT_BOUNDS[kind].min, POINT_BOUNDS[kind].max),
			money: v.pipe(
				v.optional(v.string(), ''),
				v.trim(),
				v.regex(/^(\d{1,6}(\.\d{1,2})?)?$/, () => m.criteria_money_format()),
				v.check(
					(s) => s === '' || Number(s) <= MONEY_BOUNDS[kind].max,
					() => m.error_max_value({ max: MONEY_BOUNDS[kind].max })
				)
			),
			capPerMonth: whole(CAP_BOUNDS.min, CAP_BOUNDS.max),
			teams: v.optional(v.array(v.picklist(teamNames, () => m.error_choose_option())), []),
			effectiveFrom: day,
			effectiveTo: day
		}),
		v.forward(
			v.check(
				(f) =>
					f.triggerType !== 'certification_score_at_least' ||
					(/^\d{1,3}$/.test(f.triggerMin) && Number(f.triggerMin) <= 100),
				() => m.criteria_trigger_min()
			),
			['triggerMin']
		),
		v.forward(
			v.check(
				(f) =>
					f.triggerType !== 'certification_improvement' ||
					(/^\d{1,3}$/.test(f.triggerBy) && Number(f.triggerBy) >= 1 && Number(f.triggerBy) <= 100),
				() => m.criteria_trigger_by()
			),
			['triggerBy']
		),
		v.forward(
			v.check(
				(f) => f.triggerType !== 'certification_critical_violation' || f.violations.length > 0,
				() => m.criteria_trigger_violations()
			),
			['violations']
		),
		v.forward(
			v.check(
				(f) => !f.effectiveFrom || !f.effectiveTo || f.effectiveFrom < f.effectiveTo,
				() => m.criteria_validity_order()
			),
			['effectiveTo']
		)
	);
}

export type DraftForm = v.InferOutput<ReturnType<typeof draftFormSchema>>;

/** The clause a valid form describes, keeping the draft's code, kind and roles. */
export function clauseFromForm(base: Clause, f: DraftForm): Clause {
	const trigger: Clause['trigger'] =
		f.triggerType === 'certification_score_at_least'
			? { type: f.triggerType, min: Number(f.triggerMin) }
			: f.triggerType === 'certification_improvement'
				? { type: f.triggerType, by: Number(f.triggerBy) }
				: f.triggerType === 'certification_critical_violation'
					? { type: f.triggerType, violations: f.violations }
					: { type: f.triggerType };
	const clause: Clause = {
		code: base.code,
		kind: base.kind,
		title: { zh: f.titleZh, en: f.titleEn },
		definition: { zh: f.definitionZh, en: f.definitionEn },
		counts: { zh: f.countsZh, en: f.countsEn },
		doesNotCount: { zh: f.doesNotCountZh, en: f.doesNotCountEn },
		example: { zh: f.exampleZh, en: f.exampleEn },
		trigger,
		points: f.points,
		capPerMonth: f.capPerMonth,
		roles: base.roles
	};
	if (f.money) clause.currency = { amount: Number(f.money), unit: 'CNY' };
	if (f.teams.length > 0) clause.teams = [...f.teams].sort();
	if (f.effectiveFrom) clause.effectiveFrom = f.effectiveFrom;
	if (f.effectiveTo) clause.effectiveTo = f.effectiveTo;
	return clause;
}

/** A posted form as an object for the schema: repeated fields (checkboxes) become arrays. */
export function formObject(form: FormData, lists: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		out[key] = lists.includes(key) ? [...((out[key] as string[] | undefined) ?? []), value] : value;
	}
	return out;
}
