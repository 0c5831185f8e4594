/** Settings read from the environment, checked once. */

/** A setting that cannot be used: the message says which and what to set instead. */
export class ConfigError extends Error {}

let zone: string | undefined;

/**
 * The company's time zone (`APP_TIME_ZONE`, default Asia/Shanghai): months, month close, due dates
 * and the dates people read are all counted in it.
 */
export function timeZone(): string {
	if (zone) return zone;
	const asked = process.env.APP_TIME_ZONE?.trim() || 'Asia/Shanghai';
	try {
		new Intl.DateTimeFormat('en', { timeZone: asked });
	} catch {
		throw new ConfigError(`APP_TIME_ZONE "${asked}" is not a time zone (try Asia/Shanghai or UTC)`);
	}
	zone = asked;
	return zone;
}
