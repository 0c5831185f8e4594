import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { ClauseField } from '$lib/engine/rulebook/diff';
import type { Clause, ClauseTrigger } from '$lib/engine/rulebook/schema';
import { formatDay, local } from './labels';

export type Titles = Record<string, { zh: string; en: string }>;

/** A clause's trigger in plain words, violations named by their titles. */
export function triggerText(trigger: ClauseTrigger, violations: Titles): string {
	switch (trigger.type) {
		case 'certification_score_at_least':
			return m.trigger_score({ min: trigger.min });
		case 'certification_improvement':
			return m.trigger_improvement({ by: trigger.by });
		case 'certification_resolved_clean':
			return m.trigger_resolved();
		case 'period_assignments_on_time':
			return m.trigger_month_on_time();
		case 'certification_critical_violation': {
			const names = trigger.violations.map((id) =>
				violations[id] ? local(violations[id]) : m.trigger_unknown_violation()
			);
			return m.trigger_violation({
				ids: names.join(getLocale() === 'zh-CN' ? '、' : ', ')
			});
		}
	}
}

/** Points with the sign the kind gives them: "+20 points", "−5 分". */
export function pointsText(kind: 'reward' | 'penalty', points: number): string {
	const magnitude = Math.abs(points);
	return m.ledger_points_signed({ points: `${kind === 'reward' ? '+' : '−'}${magnitude}` });
}

/** A sum of money in the reader's way of writing it: "¥50.00" or "50.00 元". */
export function moneyText(currency: { amount: number; unit: string }): string {
	if (getLocale() === 'zh-CN') return m.money_yuan({ amount: currency.amount.toFixed(2) });
	return new Intl.NumberFormat('en', {
		style: 'currency',
		currency: currency.unit,
		currencyDisplay: 'narrowSymbol'
	}).format(currency.amount);
}

export const fieldLabel: Record<ClauseField, () => string> = {
	'title.zh': m.clause_field_title_zh,
	'title.en': m.clause_field_title_en,
	'definition.zh': m.clause_field_definition_zh,
	'definition.en': m.clause_field_definition_en,
	'counts.zh': m.clause_field_counts_zh,
	'counts.en': m.clause_field_counts_en,
	'doesNotCount.zh': m.clause_field_not_counts_zh,
	'doesNotCount.en': m.clause_field_not_counts_en,
	'example.zh': m.clause_field_example_zh,
	'example.en': m.clause_field_example_en,
	trigger: m.clause_field_trigger,
	points: m.clause_field_points,
	currency: m.clause_field_money,
	capPerMonth: m.clause_field_cap,
	teams: m.clause_field_teams,
	effectiveFrom: m.clause_field_from,
	effectiveTo: m.clause_field_to
};

/** One field of a clause as a person reads it. */
export function fieldValue(clause: Clause, field: ClauseField, violations: Titles): string {
	const [head, lang] = field.split('.') as [keyof Clause, 'zh' | 'en' | undefined];
	if (lang) return (clause[head] as { zh: string; en: string })[lang];
	switch (field) {
		case 'trigger':
			return triggerText(clause.trigger, violations);
		case 'points':
			return pointsText(clause.kind, clause.points);
		case 'currency':
			return clause.currency ? moneyText(clause.currency) : m.clause_none();
		case 'capPerMonth':
			return m.criteria_cap({ cap: clause.capPerMonth });
		case 'teams':
			return clause.teams?.join(', ') ?? m.clause_every_team();
		case 'effectiveFrom':
			return clause.effectiveFrom ? formatDay(clause.effectiveFrom) : m.clause_on_publication();
		case 'effectiveTo':
			return clause.effectiveTo ? formatDay(clause.effectiveTo) : m.criteria_open_ended();
		default:
			return '';
	}
}
