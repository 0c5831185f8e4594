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
	/** Only possible problems (uncertain findings) were seen here. */
	unsure: boolean;
};

/**
 * The evidence of an assessment as a person reads it: what earned points (for dimensions shown)
 * and what lost them (violations), in reply order, numbered, each with its plain reason.
 */
export function evidenceOf(a: ReadableAssessment): ShownEvidence[] {
	const items = [
		...Object.values(a.dimensions)
			.filter((d) => d.score >= 0.5)
			.flatMap((d) => d.evidence.map((e) => ({ ...e, bad: false, unsure: false }))),
		...a.violations.flatMap((v) =>
			v.evidence.map((e) => ({ ...e, bad: !v.uncertain, unsure: v.uncertain }))
		)
	].map((e) => ({ ...e, shown: local(e.reason) }));
	// A span inside a longer one that says the same thing adds nothing.
	const kept = items.filter(
		(e) =>
			!items.some(
				(o) =>
					o !== e &&
					o.shown === e.shown &&
					o.start <= e.start &&
					o.end >= e.end &&
					o.end - o.start > e.end - e.start
			)
	);
	// One line per highlighted span, with all its reasons.
	const bySpan = new Map<string, (typeof kept)[number] & { reasons: string[] }>();
	for (const e of kept.sort((x, y) => x.start - y.start || y.end - x.end)) {
		const key = `${e.start}:${e.end}`;
		const line = bySpan.get(key);
		if (!line) bySpan.set(key, { ...e, reasons: [e.shown] });
		else {
			if (!line.reasons.includes(e.shown)) line.reasons.push(e.shown);
			line.bad ||= e.bad;
			line.unsure ||= e.unsure;
		}
	}
	return [...bySpan.values()].map((e, i) => ({
		number: i + 1,
		start: e.start,
		end: e.end,
		text: e.text,
		reason: e.reasons.join('; '),
		bad: e.bad,
		unsure: e.unsure && !e.bad
	}));
}
