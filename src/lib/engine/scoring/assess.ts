import { offersIn, type CompiledAuthority } from './authority';
import { detectWithExclusions, toEvidence } from './detect';
import { detectLanguage, type Span } from './normalize';
import { Reply, type Match } from './reply';
import type { Bilingual, CompiledRubric } from './rubric';
import { isKeywordString } from './structure';
import { traced, type AssessmentTrace, type Authorised, type SetAside } from './trace';
export { attemptScore, toGuardAssessment } from './outcome';
import {
	confidenceOf,
	predict,
	resembles,
	see,
	weightiest,
	type RuleOutput
} from './learned/model';

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
	/** How sure the scorer is that the dimension is shown (rules and learned model combined), 0–1. */
	confidence: number;
};

/** A problem found in a reply, with how sure the scorer is and what found it. */
export type ViolationResult = {
	id: string;
	severity: 'critical' | 'minor';
	evidence: Evidence[];
	confidence: number;
	source: 'rule' | 'model' | 'both';
	/** Between the thresholds: shown for a person to check, never counted (no cap, no branch). */
	uncertain: boolean;
	/** For a model-only finding: the labelled example it is most like. */
	resembles?: string;
};
export type Assessment = {
	score: number;
	lang: 'zh' | 'en';
	empty?: true;
	dimensions: Record<string, DimensionResult>;
	violations: ViolationResult[];
	/** The dimensions this reply was judged on, in rubric order. */
	expects: string[];
	/** "keywords" when the reply is a run of disconnected phrases: it earns no dimension credit. */
	structure: 'sentences' | 'keywords';
	/** The most important expected dimension that is missing (its tip is the coaching tip), or null. */
	tip: string | null;
	/** With `raw`: what the rules say of each criterion, as the learned stacker reads it (for training). */
	rules?: Record<string, RuleOutput>;
};

/** Where a reply is said: which dimensions the state judges, what the agent may offer there. */
export type ReplyContext = {
	/** The state's expected dimensions; by default the rubric's, for the first or a later reply. */
	expects?: readonly string[];
	/** 1 for the first reply of a conversation (it picks the rubric's default expectations). */
	turn?: number;
	authority?: CompiledAuthority;
	/** The rules' own output, before voiding, keyword caps and the model (for training). */
	raw?: boolean;
	/** Filled in with how each criterion was decided (see `explain`). */
	trace?: AssessmentTrace;
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
			dimensions[d.id] = { score: 0, evidence: [], expected: wanted.has(d.id), confidence: 0 };
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
	const model = options.raw ? null : rubric.model;
	const trace = options.trace;
	if (trace) trace.model = model !== null;
	const seen = model ? see(model, reply.text) : null;
	const probs = model && seen ? predict(model, seen) : null;
	const probability = (label: string) => {
		const j = model?.column.get(label);
		return probs && j !== undefined ? probs[j] : null;
	};

	const rules: Record<string, RuleOutput> = {};
	for (const dim of rubric.dimensions) {
		const out: RuleOutput = { rule: 0, fired: [], floor: 0, ruledOut: false };
		const fired: number[] = [];
		const matches: Match[] = [];
		const setAside: SetAside[] | undefined = trace ? [] : undefined;
		dim.detectors.forEach((d, i) => {
			const result = detectWithExclusions(d, reply, false, setAside);
			out.ruledOut ||= result.ruledOut || (d.rulesOut && result.found.length > 0);
			if (d.rulesOut)
				setAside?.push(...result.found.map((m) => ({ ...m, why: 'rules_out' as const })));
			if (result.found.length === 0 || d.rulesOut) return;
			fired.push(i);
			out.rule = Math.max(out.rule, d.score);
			if (d.decisive) out.floor = Math.max(out.floor, d.score);
			matches.push(...result.found);
		});
		out.fired = fired;
		if (options.raw) rules[dim.id] = out;
		const rule = out.rule;
		const p = probability(dim.id);
		const confidence = confidenceOf(model, dim.id, out, p, probability);
		if (trace) trace.criteria[dim.id] = traced(rule, p, confidence, out.floor, matches, setAside);
		// Shown: credit up to the surer of the two; not shown: the doubt is what is left.
		const score = confidence >= SHOWN ? Math.max(rule, confidence) : Math.min(rule, confidence);
		if (model && seen && confidence >= SHOWN && matches.length === 0)
			matches.push(...modelSpans(reply, model, seen, dim.id, dim.reason));
		dimensions[dim.id] = {
			score: options.raw ? rule : score,
			evidence: toEvidence(reply, matches, dim.reason),
			expected: wanted.has(dim.id),
			confidence: round2(confidence)
		};
	}

	const offers = options.authority ? offersIn(reply.text, options.authority) : [];
	const violations: Assessment['violations'] = [];
	let cap = 100;
	let penalty = 0;
	for (const vio of rubric.violations) {
		const shownInstead = vio.unlessShown.find((d) => (dimensions[d]?.score ?? 0) >= SHOWN);
		if (shownInstead) {
			if (trace) trace.criteria[vio.id] = { ...traced(0, null, 0, 0), shownInstead };
			continue;
		}
		// What the scenario lets the agent offer is not a promise beyond authority, and the model
		// may not overrule the scenario on it.
		const excused = vio.authorisable && offers.length > 0;
		const fired: number[] = [];
		const out: RuleOutput = { rule: 0, fired, floor: 0, ruledOut: false };
		const setAside: SetAside[] | undefined = trace ? [] : undefined;
		const authorised: Authorised[] = [];
		const matches = vio.detectors.flatMap((d, i) => {
			const result = detectWithExclusions(d, reply, true, setAside);
			out.ruledOut ||= result.ruledOut;
			const found = result.found.filter((m) => {
				const offer = excused ? offers.find((o) => allowedNear(reply, m, o)) : undefined;
				if (offer && trace) authorised.push({ start: m.start, end: m.end, label: offer.label });
				return !offer;
			});
			if (found.length > 0) fired.push(i);
			if (found.length > 0 && d.decisive) out.floor = vio.thresholds.certain;
			return found;
		});
		const rule = matches.length > 0 ? 1 : 0;
		out.rule = rule;
		if (options.raw) rules[vio.id] = out;
		const p = excused && matches.length === 0 ? null : probability(vio.id);
		const confidence = confidenceOf(model, vio.id, out, p, probability);
		if (trace)
			trace.criteria[vio.id] = traced(
				rule,
				p,
				confidence,
				out.floor,
				matches,
				setAside,
				authorised
			);
		if (confidence < vio.thresholds.uncertain || (rule === 0 && p === null)) continue;
		const uncertain = confidence < vio.thresholds.certain;
		const source = rule === 0 ? 'model' : p !== null && p >= 0.5 ? 'both' : 'rule';
		const like = source === 'model' && model && seen ? resembles(model, seen, vio.id) : null;
		const evidence =
			rule === 1
				? toEvidence(reply, matches, vio.reason)
				: toEvidence(reply, modelSpans(reply, model!, seen!, vio.id, vio.reason), vio.reason);
		violations.push({
			id: vio.id,
			severity: vio.severity,
			evidence,
			confidence: round2(confidence),
			source,
			uncertain,
			...(like ? { resembles: like } : {})
		});
		if (uncertain) continue;
		if (vio.severity === 'critical') cap = Math.min(cap, vio.cap);
		else penalty += vio.penalty;
	}

	// What a keyword is: a rubric phrase or a time (not an example sentence or a long pattern).
	const covered = [...reply.times(), ...reply.phraseSpans()];
	const structure = isKeywordString(reply, covered) ? 'keywords' : 'sentences';
	if (structure === 'keywords') cap = Math.min(cap, rubric.keywordCap);

	// A dimension the rubric voids for a (certain) violation, or any in a keyword string, is not
	// credited (its evidence stays, to explain).
	const counted = new Set(violations.filter((v) => !v.uncertain).map((v) => v.id));
	let weighted = 0;
	let weights = 0;
	for (const dim of rubric.dimensions) {
		const result = dimensions[dim.id];
		const voidedBy = dim.voidedBy.find((v) => counted.has(v));
		if (!options.raw && (structure === 'keywords' || voidedBy)) result.score = 0;
		if (trace && voidedBy) trace.criteria[dim.id].voidedBy = voidedBy;
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
		tip: tipFor(rubric, dimensions),
		...(options.raw ? { rules } : {})
	};
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The words that weighed most for a label, as evidence. */
function modelSpans(
	reply: Reply,
	model: NonNullable<CompiledRubric['model']>,
	seen: ReturnType<typeof see>,
	label: string,
	reason: Bilingual
): Match[] {
	return weightiest(model, seen, label).map((span) => ({
		...span,
		rule: `model ${label}`,
		reason
	}));
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
