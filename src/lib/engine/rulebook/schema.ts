import * as v from 'valibot';
import { bilingual, strict } from '../scenario/schema';

export const clauseKinds = ['reward', 'penalty'] as const;
export type ClauseKind = (typeof clauseKinds)[number];

/**
 * What one clause may be worth. Penalties are kept small on purpose: the seeds' warning is a fine
 * system whose size, not only whose vagueness, turned agents against their work.
 */
export const POINT_BOUNDS: Record<ClauseKind, { min: number; max: number }> = {
	reward: { min: 1, max: 50 },
	penalty: { min: 1, max: 20 }
};
export const MONEY_BOUNDS: Record<ClauseKind, { max: number }> = {
	reward: { max: 500 },
	penalty: { max: 50 }
};
export const CAP_BOUNDS = { min: 1, max: 31 };
export const currencies = ['CNY'] as const;

/** Points a clause of this kind earns, with the sign that follows the kind. */
export const signedPoints = (kind: ClauseKind, points: number) =>
	kind === 'reward' ? Math.abs(points) : -Math.abs(points);

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
export type ClauseTrigger = v.InferOutput<typeof trigger>;
export type TriggerType = ClauseTrigger['type'];

export function isRealDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [y, mo, d] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const clauseSchema = v.pipe(
	strict(
		{
			code: v.pipe(
				v.string(),
				v.regex(/^[RP]-\d{2}$/, 'codes look like R-01 (reward) or P-01 (penalty)')
			),
			kind: v.picklist(clauseKinds, 'kind is reward or penalty'),
			title: bilingual,
			definition: bilingual,
			counts: bilingual,
			doesNotCount: bilingual,
			example: bilingual,
			trigger,
			points: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(POINT_BOUNDS.reward.max)),
			currency: v.optional(
				strict(
					{
						amount: v.pipe(v.number(), v.minValue(0), v.maxValue(MONEY_BOUNDS.reward.max)),
						unit: v.picklist(currencies, 'the currency unit is CNY')
					},
					'an amount and a unit'
				)
			),
			capPerMonth: v.pipe(
				v.number(),
				v.integer(),
				v.minValue(CAP_BOUNDS.min),
				v.maxValue(CAP_BOUNDS.max)
			),
			roles: v.optional(v.array(v.picklist(['trainee', 'trainer', 'supervisor', 'admin'])), [
				'trainee'
			]),
			/** Team names the clause is limited to; every team when left out (names checked with the file). */
			teams: v.optional(v.array(v.string())),
			/** A calendar day (2026-12-01), or a moment with its offset; checked with the file. */
			effectiveFrom: v.optional(v.string()),
			effectiveTo: v.optional(v.string())
		},
		'a clause'
	),
	v.forward(
		v.check(
			(c) => c.points <= POINT_BOUNDS[c.kind].max,
			(issue) =>
				`a ${(issue.input as { kind: ClauseKind }).kind} is worth at most ${POINT_BOUNDS[(issue.input as { kind: ClauseKind }).kind].max} points`
		),
		['points']
	),
	v.forward(
		v.check(
			(c) => !c.currency || c.currency.amount <= MONEY_BOUNDS[c.kind].max,
			(issue) =>
				`a ${(issue.input as { kind: ClauseKind }).kind} carries at most ${MONEY_BOUNDS[(issue.input as { kind: ClauseKind }).kind].max} CNY`
		),
		['currency']
	)
);
export type Clause = v.InferOutput<typeof clauseSchema>;

/** The catalogue file; its cross-checks (codes, kinds, triggers, dates) are in server/criteria-files.ts. */
export const catalogueSchema = strict(
	{
		key: v.string(),
		guardrails: bilingual,
		clauses: v.pipe(v.array(clauseSchema), v.minLength(1))
	},
	'a catalogue'
);
export type Catalogue = v.InferOutput<typeof catalogueSchema>;
