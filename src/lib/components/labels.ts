import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Category, Outcome } from '$lib/engine/scenario/schema';

export const categoryLabel: Record<Category, () => string> = {
	rude_call: m.category_rude_call,
	disputed_fee: m.category_disputed_fee,
	missed_appointment: m.category_missed_appointment,
	product_misrepresentation: m.category_product_misrepresentation,
	property_damage: m.category_property_damage,
	unequal_treatment: m.category_unequal_treatment,
	interdepartment: m.category_interdepartment,
	other: m.category_other
};

export const outcomeLabel: Record<Outcome, () => string> = {
	resolved: m.outcome_resolved,
	escalated_supervisor: m.outcome_escalated_supervisor,
	escalated_public: m.outcome_escalated_public,
	customer_hung_up: m.outcome_customer_hung_up,
	timed_out: m.outcome_timed_out
};

/** The text of a bilingual pair in the reader's language. */
export function local(text: { zh: string; en: string }): string {
	return getLocale() === 'zh-CN' ? text.zh : text.en;
}

let zone = 'Asia/Shanghai';

/** The company's time zone (APP_TIME_ZONE), set by the root layout from the server's setting. */
export function setTimeZone(timeZone: string) {
	zone = timeZone;
}

/** A moment's date as the reader's language writes it, on the company's calendar. */
export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: zone }).format(
		new Date(iso)
	);
}

/** A moment's date and time, on the company's clock. */
export function formatDateTime(iso: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: zone
	}).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD) as the reader's language writes it. */
export function formatDay(day: string): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${day}T12:00:00Z`)
	);
}

/** A month (YYYY-MM) as the reader's language writes it: "November 2026", "2026年11月". */
export function formatMonth(period: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	}).format(new Date(`${period}-15T12:00:00Z`));
}

const caseLabels: Record<string, () => string> = {
	C1: m.case_c1,
	C2: m.case_c2,
	C3: m.case_c3,
	C4: m.case_c4,
	C5: m.case_c5,
	C6: m.case_c6,
	C7: m.case_c7,
	C8: m.case_c8,
	C9: m.case_c9,
	C10: m.case_c10,
	C11: m.case_c11,
	C12: m.case_c12,
	C13: m.case_c13,
	C14: m.case_c14,
	C15: m.case_c15,
	C16: m.case_c16
};

/** The source cases a scenario is built from, named in words. */
export function casesText(cases: string[]): string {
	return cases
		.map((c) => caseLabels[c]?.())
		.filter(Boolean)
		.join(getLocale() === 'zh-CN' ? '；' : '; ');
}
