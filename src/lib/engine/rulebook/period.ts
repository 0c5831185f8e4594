import { TZDate } from '@date-fns/tz';

/** Months are counted in the company's time zone: a reply at 07:00 on the 1st in Shanghai is that month's. */
export function periodOf(at: Date, timeZone: string): string {
	const local = new TZDate(at.getTime(), timeZone);
	return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

export const isPeriod = (text: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** The first moment of a month and the first moment of the next, in the time zone. */
export function periodBounds(period: string, timeZone: string): { start: Date; end: Date } {
	const [year, month] = period.split('-').map(Number);
	return {
		start: new Date(new TZDate(year, month - 1, 1, timeZone).getTime()),
		end: new Date(new TZDate(year, month, 1, timeZone).getTime())
	};
}

/** The month before a period. */
export function previousPeriod(period: string): string {
	const [year, month] = period.split('-').map(Number);
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The last moment of a calendar day (YYYY-MM-DD) in the time zone: when something due that day is late. */
export function endOfDay(date: string, timeZone: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(new TZDate(year, month - 1, day + 1, timeZone).getTime() - 1);
}

/** The weekday (0 = Sunday) of a moment in the time zone. */
export const weekdayIn = (timeZone: string) => (at: Date) =>
	new TZDate(at.getTime(), timeZone).getDay();

/** The calendar day (YYYY-MM-DD) of a moment in the time zone. */
export function dayOf(at: Date, timeZone: string): string {
	const local = new TZDate(at.getTime(), timeZone);
	return `${periodOf(at, timeZone)}-${String(local.getDate()).padStart(2, '0')}`;
}

/** The first moment of a calendar day (YYYY-MM-DD) in the time zone. */
export function startOfDay(date: string, timeZone: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

/**
 * When a clause's stated date begins: a calendar day starts at midnight in the time zone; a moment
 * written with its offset (2026-12-01T08:00:00+08:00) is taken as it is.
 */
export function clauseMoment(value: string, timeZone: string): Date {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfDay(value, timeZone) : new Date(value);
}
