import { detectLanguage, normalize, quotedSpans, splitSpans, type Span } from './normalize';
import type { CompiledDetector, CompiledRubric, Matcher } from './rubric';
import { nearestIn } from './similarity';
import { findTimes } from './time';

export const MAX_REPLY_LENGTH = 2000;

export type Evidence = { start: number; end: number; text: string; rule: string };
export type Assessment = {
	score: number;
	lang: 'zh' | 'en';
	empty?: true;
	dimensions: Record<string, { score: number; evidence: Evidence[] }>;
	violations: { id: string; severity: 'critical' | 'minor'; evidence: Evidence[] }[];
};

export class ReplyTooLongError extends Error {
	constructor(readonly length: number) {
		super(`a reply can be at most ${MAX_REPLY_LENGTH} characters; this one has ${length}`);
	}
}

/** A dimension counts as shown from this score up. */
export const SHOWN = 0.5;

type Match = Span & { rule: string };

/** What one reply looks like to the detectors, computed once. */
class Reply {
	readonly text: string;
	readonly sentences: Span[];
	readonly clauses: Span[];
	readonly quotes: Span[];
	/** Spaces between Chinese characters: phrases then need their slower, spaced form. */
	readonly spacedHan: boolean;
	readonly hasHan: boolean;
	readonly hasLatin: boolean;
	private readonly cache = new Map<Matcher, Span[]>();
	private phraseHits?: Map<number, Span[]>;
	private timeSpans?: Span[];

	times(): Span[] {
		this.timeSpans ??= findTimes(this.text);
		return this.timeSpans;
	}
	private sentenceSims?: Float64Array[];

	constructor(
		readonly original: string,
		readonly rubric: CompiledRubric
	) {
		this.text = normalize(original);
		this.sentences = splitSpans(this.text, false);
		this.clauses = splitSpans(this.text, true);
		this.quotes = quotedSpans(this.text);
		this.spacedHan = /\p{Script=Han}\s+\p{Script=Han}/u.test(this.text);
		this.hasHan = /\p{Script=Han}/u.test(this.text);
		this.hasLatin = /[a-z]/.test(this.text);
	}

	private within(spans: Span[], at: number): Span {
		return spans.find((s) => at >= s.start && at < s.end) ?? { start: 0, end: this.text.length };
	}

	/** Where a matcher's phrases and pattern match, computed once per reply. */
	matches(matcher: Matcher): Span[] {
		let found = this.cache.get(matcher);
		if (!found) {
			this.phraseHits ??= this.rubric.phrases.scan(this.text, this.spacedHan);
			found = matcher.list === null ? [] : [...(this.phraseHits.get(matcher.list) ?? [])];
			if (matcher.regex) {
				for (const m of this.text.matchAll(matcher.regex)) {
					if (m[0].trim()) found.push({ start: m.index, end: m.index + m[0].length });
				}
			}
			this.cache.set(matcher, found);
		}
		return found;
	}

	/**
	 * A negation cue shortly before the match, in its clause: up to 16 characters of Chinese, or
	 * four words. An A-not-A question (是不是, 有没有) asks; it does not deny.
	 */
	negated(match: Span): boolean {
		const clause = this.within(this.clauses, match.start);
		let from = Math.max(clause.start, match.start - 16);
		if (/[a-z]/.test(this.text[match.start] ?? '')) {
			from = match.start;
			for (let words = 0; from > clause.start && words < 4;) {
				from--;
				if (this.text[from] === ' ' && this.text[from - 1] !== ' ') words++;
			}
		}
		return this.matches(this.rubric.negation).some(
			(n) =>
				n.start >= from &&
				n.end <= match.start + 1 &&
				!(
					n.start > 0 &&
					this.text[n.start - 1] === this.text[n.start + 1] &&
					/\p{Script=Han}/u.test(this.text[n.start - 1])
				)
		);
	}

	/** A cue (not itself negated) in the match's clause or sentence, or anywhere in the reply. */
	near(match: Span, cue: Matcher, scope: 'clause' | 'sentence' | 'reply'): boolean {
		const around =
			scope === 'reply'
				? { start: 0, end: this.text.length }
				: this.within(scope === 'clause' ? this.clauses : this.sentences, match.start);
		return this.matches(cue).some(
			(c) => c.start >= around.start && c.end <= around.end && !this.negated(c)
		);
	}

	quoted(match: Span): boolean {
		return this.quotes.some((q) => match.start > q.start && match.end < q.end);
	}

	/** Each sentence's similarity to every example of the rubric, computed once. */
	similarities(): Float64Array[] {
		this.sentenceSims ??= this.sentences.map((s) =>
			this.rubric.examples.similarities(this.rubric.space.vector(this.text.slice(s.start, s.end)))
		);
		return this.sentenceSims;
	}
}

function raw(d: CompiledDetector, reply: Reply): Match[] {
	switch (d.type) {
		case 'phrases':
		case 'patterns':
		case 'cues':
			return d.searches
				.filter(
					(s) => s.script === undefined || (s.script === 'han' ? reply.hasHan : reply.hasLatin)
				)
				.flatMap((s) =>
					reply
						.matches(s.matcher)
						.map((m) => ({ ...m, rule: s.rule(reply.text.slice(m.start, m.end)) }))
				);
		case 'time':
			return reply.times().map((m) => ({
				...m,
				rule: `time "${reply.text.slice(m.start, m.end)}"`
			}));
		case 'examples': {
			const ex = d.examples!;
			const found: Match[] = [];
			reply.similarities().forEach((sims, i) => {
				const best = nearestIn(sims, ex.positive);
				if (best.index < 0 || best.similarity < ex.threshold) return;
				if (nearestIn(sims, ex.negative).similarity >= best.similarity) return;
				const s = reply.sentences[i];
				found.push({
					...s,
					rule: `example "${ex.positiveText[best.index]}" (similarity ${best.similarity.toFixed(2)})`
				});
			});
			return found;
		}
		case 'all': {
			const parts = d.of!.map((sub) => detect(sub, reply, false));
			return parts.every((p) => p.length > 0) ? parts.flat() : [];
		}
	}
}

function detect(d: CompiledDetector, reply: Reply, isViolation: boolean): Match[] {
	return raw(d, reply).filter(
		(m) =>
			!(d.negatable && reply.negated(m)) &&
			!(isViolation && reply.quoted(m)) &&
			!d.unlessNear.some((cue) => reply.near(m, cue, d.nearScope)) &&
			d.onlyNear.every((cue) => reply.near(m, cue, d.nearScope))
	);
}

const toEvidence = (reply: Reply, matches: Match[]): Evidence[] => {
	const seen = new Set<string>();
	return matches
		.sort((a, b) => a.start - b.start || b.end - a.end)
		.filter((m) => {
			const key = `${m.start}:${m.end}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((m) => ({
			start: m.start,
			end: m.end,
			text: reply.original.slice(m.start, m.end),
			rule: m.rule
		}));
};

/**
 * Scores one reply against a rubric. Every dimension score and violation carries the spans of the
 * original text that triggered it and the rule that matched; the score is the weighted dimensions,
 * less minor penalties, capped by critical violations.
 */
export function assessReply(
	text: string,
	options: { rubric: CompiledRubric; lang?: 'zh' | 'en' }
): Assessment {
	const { rubric } = options;
	if (text.length > MAX_REPLY_LENGTH) throw new ReplyTooLongError(text.length);
	const lang = options.lang ?? detectLanguage(text);
	const dimensions: Assessment['dimensions'] = {};
	if (text.trim().length === 0) {
		for (const d of rubric.dimensions) dimensions[d.id] = { score: 0, evidence: [] };
		return { score: 0, lang, empty: true, dimensions, violations: [] };
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
		dimensions[dim.id] = { score, evidence: toEvidence(reply, matches) };
	}

	const violations: Assessment['violations'] = [];
	let cap = 100;
	let penalty = 0;
	for (const vio of rubric.violations) {
		if (vio.unlessShown.some((d) => (dimensions[d]?.score ?? 0) >= SHOWN)) continue;
		const matches = vio.detectors.flatMap((d) => detect(d, reply, true));
		if (matches.length === 0) continue;
		violations.push({ id: vio.id, severity: vio.severity, evidence: toEvidence(reply, matches) });
		if (vio.severity === 'critical') cap = Math.min(cap, vio.cap);
		else penalty += vio.penalty;
	}

	// A dimension the rubric voids for a violation is not credited (its evidence stays, to explain).
	const found = new Set(violations.map((v) => v.id));
	let weighted = 0;
	let weights = 0;
	for (const dim of rubric.dimensions) {
		if (dim.voidedBy.some((v) => found.has(v))) dimensions[dim.id].score = 0;
		weighted += dim.weight * dimensions[dim.id].score;
		weights += dim.weight;
	}
	const base = weights > 0 ? (100 * weighted) / weights : 0;
	const score = Math.round(Math.max(0, Math.min(cap, base - penalty)));
	return { score, lang, dimensions, violations };
}

/** The part of an assessment that scenario guards read. */
export function toGuardAssessment(a: Assessment) {
	return {
		score: a.score,
		dimensions: Object.fromEntries(Object.entries(a.dimensions).map(([id, d]) => [id, d.score])),
		violations: a.violations.map(({ id, severity }) => ({ id, severity }))
	};
}
