import { offersIn, type CompiledAuthority } from './authority';
import { detectLanguage, normalize, quotedSpans, splitSpans, type Span } from './normalize';
import type { Bilingual, CompiledDetector, CompiledRubric, Matcher } from './rubric';
import { nearestIn } from './similarity';
import { findTimes, type TimeSpan } from './time';

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

type Match = Span & { rule: string; reason?: Bilingual | null };

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
	private timeSpans?: TimeSpan[];

	times(): TimeSpan[] {
		this.timeSpans ??= findTimes(this.text);
		return this.timeSpans;
	}

	/** Every span any rubric phrase matched (dimension, violation, cue or negation lists). */
	phraseSpans(): Span[] {
		this.phraseHits ??= this.rubric.phrases.scan(this.text, this.spacedHan);
		return [...this.phraseHits.values()].flat();
	}

	/** A sentence that asks (a restatement checked back, a question): its times promise nothing. */
	asks(at: number): boolean {
		const sentence = this.within(this.sentences, at);
		const tail = this.text.slice(sentence.start, Math.min(this.text.length, sentence.end + 1));
		return /\?\s*$|[吗吧呢]\s*[?.]?\s*$/.test(tail.trimEnd());
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

	within(spans: Span[], at: number): Span {
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
					reply.matches(s.matcher).map((m) => ({
						...m,
						rule: s.rule(reply.text.slice(m.start, m.end)),
						reason: d.reason
					}))
				);
		case 'time':
			// A time told back about the past, or asked about, commits to nothing.
			return reply
				.times()
				.filter((m) => !m.past && !reply.asks(m.start))
				.map((m) => ({
					start: m.start,
					end: m.end,
					rule: `time "${reply.text.slice(m.start, m.end)}"`,
					reason: d.reason
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
					rule: `example "${ex.positiveText[best.index]}" (similarity ${best.similarity.toFixed(2)})`,
					reason: d.reason
				});
			});
			return found;
		}
		case 'all': {
			const parts = d.of!.map((sub) => detect(sub, reply, false));
			if (!parts.every((p) => p.length > 0)) return [];
			if (d.nearScope === 'reply') return parts.flat();
			// Every part in one sentence (or clause): "I'll call you" and "at 5 pm" said together.
			const spans = d.nearScope === 'clause' ? reply.clauses : reply.sentences;
			const together = spans.filter((span) =>
				parts.every((p) => p.some((m) => m.start >= span.start && m.start < span.end))
			);
			return together.flatMap((span) =>
				parts.flat().filter((m) => m.start >= span.start && m.start < span.end)
			);
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

/** Spaces and punctuation at either end of a highlight are not evidence. */
const edge = /[\s.,!?;:"'()\-~、，。！？；：“”‘’（）…—]/u;
function trimmed(text: string, start: number, end: number): Span {
	while (start < end && edge.test(text[start])) start++;
	while (end > start && edge.test(text[end - 1])) end--;
	return { start, end };
}

const withText = (reason: Bilingual, text: string): Bilingual => ({
	zh: reason.zh.replace('{text}', text),
	en: reason.en.replace('{text}', text)
});

const toEvidence = (reply: Reply, matches: Match[], fallback: Bilingual): Evidence[] => {
	const seen = new Set<string>();
	return matches
		.map((m) => ({ ...m, ...trimmed(reply.text, m.start, m.end) }))
		.filter((m) => m.end > m.start)
		.sort((a, b) => a.start - b.start || b.end - a.end)
		.filter((m) => {
			const key = `${m.start}:${m.end}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((m) => {
			const text = reply.original.slice(m.start, m.end);
			return {
				start: m.start,
				end: m.end,
				text,
				rule: m.rule,
				reason: withText(m.reason ?? fallback, text)
			};
		});
};

const FUNCTION_WORDS = new Set(
	'a an the to of for and or but so i we you he she it they me us my our your his her its their this that these those is are was were be been am will would can could shall should have has had do does did not no on in at by with from as about than then there here if when what which who how just also very'.split(
		' '
	)
);

/**
 * Whether a reply is a run of keywords rather than sentences ("您好 抱歉 理解 我来负责 今天下午五点前
 * 按照规定 对吗"): its pieces are nothing but detected phrases, times and cues, with nothing said
 * around them. `covered` is every span a rubric phrase or a time matched.
 */
function isKeywordString(reply: Reply, covered: Span[]): boolean {
	const text = reply.text;
	const mask = new Uint8Array(text.length);
	for (const c of covered) mask.fill(1, c.start, c.end);
	const letters = (f: Span) => {
		let n = 0;
		let hit = 0;
		for (let i = f.start; i < f.end; i++) {
			const code = text.charCodeAt(i);
			if (code === 32 || code === 39 || code === 45) continue; // space, ' and -
			n++;
			hit += mask[i];
		}
		return { n, hit };
	};
	const words = (f: Span) => text.slice(f.start, f.end).trim().split(/\s+/).filter(Boolean).length;

	// Pieces between punctuation (and, in Chinese, between spaces, which Chinese does not use).
	const fragments: Span[] = [];
	let from = 0;
	for (const m of text.matchAll(reply.hasHan ? /[\s,.!?;:~]+/gu : /[,.!?;:~]+/g)) {
		if (m.index > from) fragments.push({ start: from, end: m.index });
		from = m.index + m[0].length;
	}
	if (from < text.length) fragments.push({ start: from, end: text.length });
	const real = fragments.filter((f) => letters(f).n > 0);
	const bare = (f: Span) => {
		const { n, hit } = letters(f);
		return hit / n >= 0.6;
	};
	const long = (f: Span) => (reply.hasHan ? letters(f).n > 8 : words(f) > 4);
	// Spaces between Chinese words are themselves a sign, unless the text was split word by word
	// (then many pieces are single characters: 的, 会, 请). English pieces must all be short.
	const spaced = (text.match(/\p{Script=Han}\s+(?=\p{Script=Han})/gu) ?? []).length >= 3;
	const segmented = real.filter((f) => letters(f).n === 1).length >= real.length / 4;
	const [pieces, share] = spaced && !segmented ? [4, 0.5] : [5, 0.7];
	// A keyword is a short piece that is nothing but rubric phrases and times; a real clause of
	// efficient Chinese ("我现在发起三方通话核实") is longer than that.
	const keyword = (f: Span) => bare(f) && !long(f) && (!reply.hasHan || letters(f).n <= 7);
	const tooLong = reply.hasHan ? real.some((f) => long(f) && !bare(f)) : real.some(long);
	if (real.length >= pieces && !tooLong && real.filter(keyword).length / real.length >= share)
		return true;
	if (reply.hasHan) return false;

	// English with no punctuation between its cues: phrase after phrase with nothing to join them.
	const spans = [...covered].sort((a, b) => a.start - b.start);
	const merged: Span[] = [];
	for (const sp of spans) {
		const last = merged.at(-1);
		if (last && sp.start <= last.end) last.end = Math.max(last.end, sp.end);
		else merged.push({ ...sp });
	}
	for (const f of real) {
		if (words(f) < 8) continue;
		const { n, hit } = letters(f);
		const inside = merged.filter((m) => m.start >= f.start && m.end <= f.end);
		let junctions = 0;
		for (let i = 1; i < inside.length; i++)
			if (/^\s+$/.test(text.slice(inside[i - 1].end, inside[i].start))) junctions++;
		// Phrase after phrase: many separate keywords for the words there are, most of them joined
		// by nothing but a space.
		const density = inside.length / words(f);
		const glue = smallWords(text.slice(f.start, f.end));
		if (junctions >= 3 && density >= 0.45 && hit / n >= 0.5 && glue < 0.35) return true;
	}
	if ((text.match(/[a-z0-9']+/g) ?? []).length < 6) return false;
	const { n, hit } = letters({ start: 0, end: text.length });
	return smallWords(text) < 0.2 && hit / n >= 0.5;
}

/** The share of an English text's words that are the small ones holding sentences together. */
function smallWords(text: string): number {
	const all = text.match(/[a-z0-9']+/g) ?? [];
	const small = all.filter((w) => FUNCTION_WORDS.has(w.replace(/'.*$/, ''))).length;
	return all.length === 0 ? 1 : small / all.length;
}

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
