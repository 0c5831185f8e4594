import type { ReadableAssessment } from '$lib/engine/scoring/readable';
import { local } from './labels';

/** One highlighted piece of a reply, numbered, with its reason in the reader's language. */
export type ShownEvidence = {
	number: number;
	start: number;
	end: number;
	text: string;
	reason: string;
	bad: boolean;
};

/**
 * The evidence of an assessment as a person reads it: what earned points (for dimensions shown)
 * and what lost them (violations), in reply order, numbered, each with its plain reason.
 */
export function evidenceOf(a: ReadableAssessment): ShownEvidence[] {
	const items = [
		...Object.values(a.dimensions)
			.filter((d) => d.score >= 0.5)
			.flatMap((d) => d.evidence.map((e) => ({ ...e, bad: false }))),
		...a.violations.flatMap((v) => v.evidence.map((e) => ({ ...e, bad: true })))
	].sort((x, y) => x.start - y.start || y.end - x.end);
	const seen = new Set<string>();
	return items
		.map((e) => ({ ...e, shown: local(e.reason) }))
		.filter((e) => {
			const key = `${e.start}:${e.end}:${e.shown}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((e, i) => ({
			number: i + 1,
			start: e.start,
			end: e.end,
			text: e.text,
			reason: e.shown,
			bad: e.bad
		}));
}
