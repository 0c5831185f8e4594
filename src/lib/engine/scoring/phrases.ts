import type { Span } from './normalize';

type TrieNode = { next: Map<string, TrieNode>; ends: number[] | null };
const node = (): TrieNode => ({ next: new Map(), ends: null });

const letterOrDigit = /[\p{L}\p{N}]/u;
/** A letter or digit of a script that writes words with spaces (ASCII decided without a regex). */
const isWordChar = (ch: string | undefined) => {
	if (ch === undefined) return false;
	const c = ch.charCodeAt(0);
	if (c < 0x80)
		return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
	return !isHan(ch) && letterOrDigit.test(ch);
};
const isHan = (ch: string | undefined) => ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';
const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';

/**
 * Every literal phrase of a rubric in one character trie, so a reply is scanned once for all of
 * them. Latin phrases match whole words only; runs of spaces match one space; with `spacedHan`,
 * spaces between Chinese characters are skipped ("我们 会 处理" matches 我们会处理).
 */
export class PhraseIndex {
	private readonly root = node();
	private lists = 0;

	/** Adds a list of (normalised) phrases and returns its id. */
	addList(phrases: string[]): number {
		const id = this.lists++;
		for (const phrase of phrases) {
			const text = phrase.trim().replace(/\s+/g, ' ');
			if (!text) continue;
			let at = this.root;
			for (const ch of text) {
				let next = at.next.get(ch);
				if (!next) {
					next = node();
					at.next.set(ch, next);
				}
				at = next;
			}
			at.ends ??= [];
			if (!at.ends.includes(id)) at.ends.push(id);
		}
		return id;
	}

	/** All matches in a normalised text, by list id. */
	scan(text: string, spacedHan: boolean): Map<number, Span[]> {
		const found = new Map<number, Span[]>();
		for (let start = 0; start < text.length; start++) {
			const first = text[start];
			if (isSpace(first)) continue;
			const startsWord = isWordChar(first);
			if (startsWord && isWordChar(text[start - 1])) continue;
			let at: TrieNode | undefined = this.root;
			for (let i = start; i < text.length && at;) {
				let ch = text[i];
				let after = i + 1;
				if (isSpace(ch)) {
					while (isSpace(text[after])) after++;
					if (spacedHan && isHan(text[i - 1]) && isHan(text[after]) && !at.next.has(' ')) {
						i = after;
						continue;
					}
					ch = ' ';
				}
				at = at.next.get(ch);
				if (!at) break;
				if (at.ends && !(isWordChar(ch) && isWordChar(text[after]))) {
					for (const id of at.ends) {
						const spans = found.get(id) ?? [];
						spans.push({ start, end: after });
						found.set(id, spans);
					}
				}
				i = after;
			}
		}
		return found;
	}
}
