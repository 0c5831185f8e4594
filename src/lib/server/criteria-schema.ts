import * as v from 'valibot';
import { bilingual, strict } from '../engine/scenario/schema';

const trigger = v.variant(
	'type',
	[
		strict(
			{
				type: v.literal('certification_score_at_least'),
				min: v.pipe(v.number(), v.minValue(0), v.maxValue(100))
			},
			'a score trigger'
		),
		strict(
			{
				type: v.literal('certification_improvement'),
				by: v.pipe(v.number(), v.minValue(1), v.maxValue(100))
			},
			'an improvement trigger'
		),
		strict({ type: v.literal('certification_resolved_clean') }, 'a resolved trigger'),
		strict({ type: v.literal('period_assignments_on_time') }, 'a month-end trigger'),
		strict(
			{
				type: v.literal('certification_critical_violation'),
				violations: v.pipe(v.array(v.string()), v.minLength(1))
			},
			'a violation trigger'
		)
	],
	(issue) => `unknown trigger type ${issue.received}`
);

export const clauseSchema = strict(
	{
		code: v.pipe(
			v.string(),
			v.regex(/^[RP]-\d{2}$/, 'codes look like R-01 (reward) or P-01 (penalty)')
		),
		kind: v.picklist(['reward', 'penalty'], 'kind is reward or penalty'),
		title: bilingual,
		definition: bilingual,
		counts: bilingual,
		doesNotCount: bilingual,
		example: bilingual,
		trigger,
		points: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
		currency: v.optional(
			strict(
				{ amount: v.pipe(v.number(), v.minValue(0)), unit: v.string() },
				'an amount and a unit'
			)
		),
		capPerMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
		roles: v.optional(v.array(v.picklist(['trainee', 'trainer', 'supervisor', 'admin'])), [
			'trainee'
		]),
		/** Team names the clause is limited to; every team when left out. */
		teams: v.optional(v.array(v.pipe(v.string(), v.nonEmpty()))),
		effectiveFrom: v.optional(v.string()),
		effectiveTo: v.optional(v.string())
	},
	'a clause'
);
export type Clause = v.InferOutput<typeof clauseSchema>;

export const catalogueSchema = strict(
	{
		key: v.string(),
		guardrails: bilingual,
		clauses: v.pipe(v.array(clauseSchema), v.minLength(1))
	},
	'a catalogue'
);
export type Catalogue = v.InferOutput<typeof catalogueSchema>;
