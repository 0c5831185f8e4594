/**
 * What the learned detectors see in a reply: word tokens (Intl.Segmenter, which splits Chinese
 * into words in Node and in browsers alike), word pairs, and character 2–4-grams of the normalised
 * text. Each feature keeps where it was found, so a finding can point at the words that weighed most.
 */
import { A0, B0, extend, foldA, foldB, stepA, stepB, type HashBuffer } from '../hashing';

export type Occurrence = { key: string; start: number; end: number };

export type FeatureConfig = {
	/** Shortest and longest character n-grams (0 for none). */
	chars: [number, number];
	/** Word tokens. */
	words: boolean;
	/** Pairs of neighbouring words. */
	bigrams: boolean;
};

export const DEFAULT_FEATURES: FeatureConfig = { chars: [1, 4], words: true, bigrams: true };

let zh: Intl.Segmenter | undefined;
let en: Intl.Segmenter | undefined;
const segmenter = (han: boolean) =>
	han
		? (zh ??= new Intl.Segmenter('zh', { granularity: 'word' }))
		: (en ??= new Intl.Segmenter('en', { granularity: 'word' }));

const isHanText = (text: string) => /\p{Script=Han}/u.test(text);

/** Every feature of a normalised reply, with its span (features may repeat). */
export function occurrences(text: string, config: FeatureConfig = DEFAULT_FEATURES): Occurrence[] {
	const out: Occurrence[] = [];
	if (config.words || config.bigrams) {
		let prev: { segment: string; index: number } | null = null;
		for (const s of segmenter(isHanText(text)).segment(text)) {
			if (!s.isWordLike) {
				if (/[.!?;,:]/.test(s.segment)) prev = null;
				continue;
			}
			const end = s.index + s.segment.length;
			if (config.words) out.push({ key: `w:${s.segment}`, start: s.index, end });
			if (config.bigrams && prev)
				out.push({ key: `b:${prev.segment} ${s.segment}`, start: prev.index, end });
			prev = s;
		}
	}
	const [from, to] = config.chars;
	if (from > 0) {
		for (let i = 0; i < text.length; i++) {
			if (text.charCodeAt(i) === 32) continue;
			for (let n = from; n <= to && i + n <= text.length; n++) {
				const gram = text.slice(i, i + n);
				// A gram that ends in a space adds nothing its shorter form does not.
				if (gram.charCodeAt(n - 1) === 32) break;
				out.push({ key: `c:${gram}`, start: i, end: i + n });
			}
		}
	}
	return out;
}

/** The distinct feature keys of a reply. */
export function featureKeys(text: string, config: FeatureConfig = DEFAULT_FEATURES): Set<string> {
	return new Set(occurrences(text, config).map((o) => o.key));
}

/** Punctuation that ends a run of word pairs (`/[.!?;,:]/`, without a regular expression). */
function breaksPairs(segment: string): boolean {
	for (let i = 0; i < segment.length; i++) {
		const c = segment.charCodeAt(i);
		if (c === 46 || c === 33 || c === 63 || c === 59 || c === 44 || c === 58) return true;
	}
	return false;
}

const WORD = extend({ a: A0, b: B0 }, 'w:');
const PAIR = extend({ a: A0, b: B0 }, 'b:');
const CHAR = extend({ a: A0, b: B0 }, 'c:');

/**
 * The same features as `occurrences`, in the same order, as hashes of their keys (see
 * `hashing.ts`) written into a reused buffer: what scoring reads, without a string per feature.
 */
export function scanFeatures(
	text: string,
	out: HashBuffer,
	config: FeatureConfig = DEFAULT_FEATURES
): HashBuffer {
	out.length = 0;
	if (config.words || config.bigrams) {
		let prev: { segment: string; index: number } | null = null;
		for (const s of segmenter(isHanText(text)).segment(text)) {
			if (!s.isWordLike) {
				if (breaksPairs(s.segment)) prev = null;
				continue;
			}
			const end = s.index + s.segment.length;
			if (config.words) out.push(foldA(WORD.a, s.segment), foldB(WORD.b, s.segment), s.index, end);
			if (config.bigrams && prev)
				out.push(
					foldA(stepA(foldA(PAIR.a, prev.segment), 32), s.segment),
					foldB(stepB(foldB(PAIR.b, prev.segment), 32), s.segment),
					prev.index,
					end
				);
			prev = s;
		}
	}
	const [from, to] = config.chars;
	if (from > 0) {
		for (let i = 0; i < text.length; i++) {
			if (text.charCodeAt(i) === 32) continue;
			let a = CHAR.a;
			let b = CHAR.b;
			for (let n = 1; n <= to && i + n <= text.length; n++) {
				const c = text.charCodeAt(i + n - 1);
				if (n >= from && c === 32) break;
				a = stepA(a, c);
				b = stepB(b, c);
				if (n >= from) out.push(a, b, i, i + n);
			}
		}
	}
	return out;
}
