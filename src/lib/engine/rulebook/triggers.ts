import type { ClauseTrigger } from './schema';

export type ReplyFacts = {
	index: number;
	text: string | null;
	lang: 'zh' | 'en';
	violations: {
		id: string;
		severity: string;
		evidence: { text: string }[];
		uncertain?: boolean;
	}[];
};

/** What a finished certification attempt offers the clauses to judge. */
export type AttemptFacts = {
	score: number | null;
	outcome: string | null;
	replies: ReplyFacts[];
	/** The score of the same person's previous certification of the same scenario, if any. */
	previousScore: number | null;
};

/**
 * Where a clause found its reason: the reply and the words, quoted as the trainee wrote them; for a
 * finding of the scorer, which one, in which language, and whether it was only uncertain.
 */
export type Evidence = {
	turnIndex: number | null;
	quote: string | null;
	finding?: { violation: string; lang: 'zh' | 'en'; uncertain: boolean };
};

/** Whether a clause's trigger holds for an attempt, and the evidence it cites; null when it does not. */
export function evaluateTrigger(trigger: ClauseTrigger, facts: AttemptFacts): Evidence | null {
	const last = facts.replies.at(-1) ?? null;
	const lastReply: Evidence = { turnIndex: last?.index ?? null, quote: last?.text ?? null };
	const score = facts.score ?? 0;
	switch (trigger.type) {
		case 'certification_score_at_least':
			return score >= trigger.min ? lastReply : null;
		case 'certification_resolved_clean': {
			const clean = facts.replies.every(
				(r) => !r.violations.some((v) => v.severity === 'critical' && !v.uncertain)
			);
			return facts.outcome === 'resolved' && clean ? lastReply : null;
		}
		case 'certification_improvement':
			return facts.previousScore !== null && score >= facts.previousScore + trigger.by
				? lastReply
				: null;
		case 'period_assignments_on_time':
			return null; // judged when the month closes, not when an attempt ends
		case 'certification_critical_violation': {
			// A certain finding first; an uncertain one is cited only when there is none, and the
			// entry it leads to waits for a person (never a penalty by itself).
			for (const uncertain of [false, true])
				for (const r of facts.replies) {
					const hit = r.violations.find(
						(v) => trigger.violations.includes(v.id) && !!v.uncertain === uncertain
					);
					if (hit)
						return {
							turnIndex: r.index,
							quote: hit.evidence.map((e) => e.text).join(' … ') || r.text,
							finding: { violation: hit.id, lang: r.lang, uncertain }
						};
				}
			return null;
		}
	}
}

/** Every assignment due in the month was finished by its due time (and there was at least one). */
export function allOnTime(due: { dueAt: Date; finishedAt: Date | null }[]): boolean {
	return due.length > 0 && due.every((a) => a.finishedAt !== null && a.finishedAt <= a.dueAt);
}
