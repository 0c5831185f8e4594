import { m } from '$lib/paraglide/messages';

/** A ratio as a percentage, or a dash when it is not defined. */
export const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
/** A kappa or alpha with two decimals, or a dash. */
export const coefficient = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export const statusLabel = {
	automatic: m.calibration_status_automatic,
	needs_review: m.calibration_status_needs_review
};
export const langLabel = { zh: m.calibration_lang_zh, en: m.calibration_lang_en };
