import { execAll, quotedSpans, splitSpans, normalize, type Span } from './normalize';
import type { Bilingual, CompiledRubric, Matcher } from './rubric';
import { findTimes, type TimeSpan } from './time';

export type Match = Span & { rule: string; reason?: Bilingual | null };

/** What one reply looks like to the detectors, computed once. */
export class Reply {
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
				for (const m of execAll(matcher.regex, this.text)) {
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
