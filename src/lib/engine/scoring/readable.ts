import type { Assessment, Evidence } from './assess';
import type { Bilingual } from './rubric';

export type ReadableEvidence = { start: number; end: number; text: string; reason: Bilingual };

/** An assessment as people read it: reasons, not the rules and patterns that matched. */
export type ReadableAssessment = {
	score: number;
	structure: 'sentences' | 'keywords';
	tip: string | null;
	dimensions: Record<string, { score: number; expected: boolean; evidence: ReadableEvidence[] }>;
	violations: {
		id: string;
		severity: 'critical' | 'minor';
		evidence: ReadableEvidence[];
		/** Between the thresholds: shown for a person to check; it changed nothing. */
		uncertain: boolean;
		/** Found by the learned model alone: the labelled reply it is most like. */
		resembles: string | null;
	}[];
};

// Replies scored before reasons existed show a neutral word instead.
const strip = (e: Evidence): ReadableEvidence => ({
	start: e.start,
	end: e.end,
	text: e.text,
	reason: e.reason ?? { zh: '依据', en: 'evidence' }
});

export function readable(a: Assessment): ReadableAssessment {
	return {
		score: a.score,
		structure: a.structure ?? 'sentences',
		tip: a.tip ?? null,
		dimensions: Object.fromEntries(
			Object.entries(a.dimensions).map(([id, d]) => [
				id,
				{ score: d.score, expected: d.expected ?? true, evidence: d.evidence.map(strip) }
			])
		),
		violations: a.violations.map((v) => ({
			id: v.id,
			severity: v.severity,
			evidence: v.evidence.map(strip),
			uncertain: v.uncertain ?? false,
			resembles: v.resembles ?? null
		}))
	};
}

/**
 * Each dimension's average score over the replies that were expected to show it (a greeting is
 * judged on first replies only); a dimension no reply was asked for has no average.
 */
export function expectedAverages(
	assessments: { dimensions: Record<string, { score: number; expected?: boolean }> }[]
): Record<string, number> {
	const sums: Record<string, { total: number; n: number }> = {};
	for (const a of assessments)
		for (const [id, d] of Object.entries(a.dimensions)) {
			if (d.expected === false) continue;
			const s = (sums[id] ??= { total: 0, n: 0 });
			s.total += d.score;
			s.n += 1;
		}
	return Object.fromEntries(Object.entries(sums).map(([id, s]) => [id, s.total / s.n]));
}
