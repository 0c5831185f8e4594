import { offersIn, type CompiledAuthority } from './authority';
import { detect, toEvidence } from './detect';
import { detectLanguage, type Span } from './normalize';
import { Reply, type Match } from './reply';
import type { Bilingual, CompiledRubric } from './rubric';
import { isKeywordString } from './structure';

export const MAX_REPLY_LENGTH = 2000;

/**
 * One piece of evidence: the span of the original reply, its text, the plain reason a person reads
 * beside it (in both languages) and, for developers, the rule that matched.
 */
export type Evidence = {
	start: number;
	end: number;
	text: string;
	rule: string;
	reason: Bilingual;
};
export type DimensionResult = {
	score: number;
	evidence: Evidence[];
	/** Judged in this state; when false the dimension is "not needed here" and never counts against. */
	expected: boolean;
};
export type Assessment = {
	score: number;
	lang: 'zh' | 'en';
	empty?: true;
	dimensions: Record<string, DimensionResult>;
	violations: { id: string; severity: 'critical' | 'minor'; evidence: Evidence[] }[];
	/** The dimensions this reply was judged on, in rubric order. */
	expects: string[];
	/** "keywords" when the reply is a run of disconnected phrases: it earns no dimension credit. */
	structure: 'sentences' | 'keywords';
	/** The most important expected dimension that is missing (its tip is the coaching tip), or null. */
	tip: string | null;
};

/** Where a reply is said: which dimensions the state judges, what the agent may offer there. */
export type ReplyContext = {
	/** The state's expected dimensions; by default the rubric's, for the first or a later reply. */
	expects?: readonly string[];
	/** 1 for the first reply of a conversation (it picks the rubric's default expectations). */
	turn?: number;
	authority?: CompiledAuthority;
};

export class ReplyTooLongError extends Error {
	constructor(readonly length: number) {
		super(`a reply can be at most ${MAX_REPLY_LENGTH} characters; this one has ${length}`);
	}
}

/** A dimension counts as shown from this score up. */
export const SHOWN = 0.5;

/**
 * Scores one reply against a rubric, in its context. Every dimension and violation carries the spans
 * of the original text that triggered it, with a plain reason. The score is the weighted score over
 * the dimensions this state expects (the others are "not needed here"), less minor penalties, capped
 * by critical violations, and capped again when the reply is a run of keywords.
 */
export function assessReply(
	text: string,
	options: { rubric: CompiledRubric; lang?: 'zh' | 'en' } & ReplyContext
): Assessment {
	const { rubric } = options;
	if (text.length > MAX_REPLY_LENGTH) throw new ReplyTooLongError(text.length);
	const lang = options.lang ?? detectLanguage(text);
	const wanted = new Set(
		options.expects ?? ((options.turn ?? 1) <= 1 ? rubric.expects.first : rubric.expects.later)
	);
	const expects = rubric.dimensions.map((d) => d.id).filter((id) => wanted.has(id));
	const dimensions: Assessment['dimensions'] = {};
	if (text.trim().length === 0) {
		for (const d of rubric.dimensions)
			dimensions[d.id] = { score: 0, evidence: [], expected: wanted.has(d.id) };
		return {
			score: 0,
			lang,
			empty: true,
			dimensions,
			violations: [],
			expects,
			structure: 'sentences',
			tip: tipFor(rubric, dimensions)
		};
	}
	const reply = new Reply(text, rubric);

	for (const dim of rubric.dimensions) {
		let score = 0;
		const matches: Match[] = [];
		for (const d of dim.detectors) {
			const found = detect(d, reply, false);
			if (found.length === 0) continue;
			score = Math.max(score, d.score);
			matches.push(...found);
		}
		dimensions[dim.id] = {
			score,
			evidence: toEvidence(reply, matches, dim.reason),
			expected: wanted.has(dim.id)
		};
	}

	const offers = options.authority ? offersIn(reply.text, options.authority) : [];
	const violations: Assessment['violations'] = [];
	let cap = 100;
	let penalty = 0;
	for (const vio of rubric.violations) {
		if (vio.unlessShown.some((d) => (dimensions[d]?.score ?? 0) >= SHOWN)) continue;
		let matches = vio.detectors.flatMap((d) => detect(d, reply, true));
		// What the scenario lets the agent offer is not a promise beyond authority.
		if (vio.authorisable && offers.length > 0)
			matches = matches.filter((m) => !offers.some((o) => allowedNear(reply, m, o)));
		if (matches.length === 0) continue;
		violations.push({
			id: vio.id,
			severity: vio.severity,
			evidence: toEvidence(reply, matches, vio.reason)
		});
		if (vio.severity === 'critical') cap = Math.min(cap, vio.cap);
		else penalty += vio.penalty;
	}

	// What a keyword is: a rubric phrase or a time (not an example sentence or a long pattern).
	const covered = [...reply.times(), ...reply.phraseSpans()];
	const structure = isKeywordString(reply, covered) ? 'keywords' : 'sentences';
	if (structure === 'keywords') cap = Math.min(cap, rubric.keywordCap);

	// A dimension the rubric voids for a violation, or any in a keyword string, is not credited
	// (its evidence stays, to explain).
	const found = new Set(violations.map((v) => v.id));
	let weighted = 0;
	let weights = 0;
	for (const dim of rubric.dimensions) {
		const result = dimensions[dim.id];
		if (structure === 'keywords' || dim.voidedBy.some((v) => found.has(v))) result.score = 0;
		if (!result.expected) continue;
		weighted += dim.weight * result.score;
		weights += dim.weight;
	}
	const base = weights > 0 ? (100 * weighted) / weights : 0;
	const score = Math.round(Math.max(0, Math.min(cap, base - penalty)));
	return {
		score,
		lang,
		dimensions,
		violations,
		expects,
		structure,
		tip: tipFor(rubric, dimensions)
	};
}

/** An allowed offer named close to a promise, in its sentence: the promise is of that offer. */
function allowedNear(reply: Reply, m: Span, o: Span): boolean {
	const sentence = reply.within(reply.sentences, m.start);
	if (o.start < sentence.start || o.start >= sentence.end) return false;
	const gap = o.start >= m.end ? o.start - m.end : m.start >= o.end ? m.start - o.end : 0;
	return gap <= 40;
}

/** The weightiest expected dimension the reply did not show: what to work on next. */
function tipFor(rubric: CompiledRubric, dimensions: Assessment['dimensions']): string | null {
	let best: { id: string; weight: number } | null = null;
	for (const d of rubric.dimensions) {
		const r = dimensions[d.id];
		if (r.expected && r.score < SHOWN && (!best || d.weight > best.weight))
			best = { id: d.id, weight: d.weight };
	}
	return best?.id ?? null;
}

/**
 * An attempt's score: the mean of its reply scores, capped by how the conversation ended (a call
 * that went public cannot be a distinction, whatever its replies scored).
 */
export function attemptScore(
	total: number,
	replies: number,
	outcome: string | null,
	rubric: Pick<CompiledRubric, 'outcomeCaps'>
): number {
	if (replies === 0) return 0;
	const cap = outcome ? (rubric.outcomeCaps[outcome] ?? 100) : 100;
	return Math.round(Math.min(cap, total / replies));
}

/** The part of an assessment that scenario guards read. */
export function toGuardAssessment(a: Assessment) {
	return {
		score: a.score,
		dimensions: Object.fromEntries(Object.entries(a.dimensions).map(([id, d]) => [id, d.score])),
		violations: a.violations.map(({ id, severity }) => ({ id, severity }))
	};
}
