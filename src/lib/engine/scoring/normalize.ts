import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * The characters the conversion can change: those a dictionary entry maps to something else. A
 * text with none of them comes out of the conversion as it went in, so it is not converted.
 */
const changeable = (() => {
	const chars = new Set<string>();
	for (const group of [...OpenCC.Locale.from.tw, ...OpenCC.Locale.to.cn])
		for (const dict of group)
			for (const entry of typeof dict === 'string' ? dict.split('|') : []) {
				const [key = '', value = ''] = entry.split(' ');
				const from = [...key];
				const to = [...value];
				from.forEach((ch, i) => {
					if (from.length !== to.length || ch !== to[i]) chars.add(ch);
				});
			}
	return chars;
})();
const mayChange = (text: string) => {
	for (const ch of text) if (changeable.has(ch)) return true;
	return false;
};

const punctuation: Record<string, string> = {
	'\u3002': '.',
	'\u3001': ',',
	'\u201c': '"',
	'\u201d': '"',
	'\u300c': '"',
	'\u300d': '"',
	'\u300e': '"',
	'\u300f': '"',
	'\u2018': "'",
	'\u2019': "'",
	'\u2026': '.',
	'\u2014': '-',
	'\u2013': '-',
	'\u3010': '(',
	'\u3011': ')',
	'\u300a': '"',
	'\u300b': '"'
};

function normalizeChar(ch: string): string {
	const code = ch.charCodeAt(0);
	if (code >= 0xff01 && code <= 0xff5e)
		ch = String.fromCharCode(code - 0xfee0); // full-width ASCII
	else if (code === 0x3000 || code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
	const mapped = punctuation[ch] ?? ch;
	const lower = mapped.toLowerCase();
	return lower.length === 1 ? lower : mapped;
}

/**
 * Traditional to simplified Chinese, full-width to half-width, lower case, unified punctuation and
 * control characters as spaces. The result has exactly the length of the input, so an index into
 * it is an index into the original text: evidence spans need no mapping back.
 */
export function normalize(text: string): string {
	let simplified = /[\u3400-\u9fff]/.test(text) && mayChange(text) ? toSimplified(text) : text;
	if (simplified.length !== text.length) {
		// A phrase-level conversion changed the length: convert one character at a time instead.
		simplified = Array.from(text, (ch) => {
			const converted = ch.length === 1 ? toSimplified(ch) : ch;
			return converted.length === ch.length ? converted : ch;
		}).join('');
	}
	const codes = new Uint16Array(simplified.length);
	for (let i = 0; i < simplified.length; i++) {
		const code = simplified.charCodeAt(i);
		if (code >= 0x20 && code < 0x7f)
			codes[i] = code >= 0x41 && code <= 0x5a ? code + 32 : code; // ASCII: lower case only
		else if (code >= 0x3400 && code <= 0x9fff)
			codes[i] = code; // Chinese characters as they are
		else codes[i] = normalizeChar(simplified[i]).charCodeAt(0);
	}
	let out = '';
	for (let i = 0; i < codes.length; i += 0x2000)
		out += String.fromCharCode(...codes.subarray(i, i + 0x2000));
	return out;
}

const han = /\p{Script=Han}/gu;
const latin = /[a-z]/gi;

/** zh when Chinese characters outweigh Latin words, else en. */
export function detectLanguage(text: string): 'zh' | 'en' {
	const hanCount = text.match(han)?.length ?? 0;
	const latinCount = text.match(latin)?.length ?? 0;
	return hanCount * 3 >= latinCount && hanCount > 0 ? 'zh' : 'en';
}

export type Span = { start: number; end: number };

/** Sentences (split at . ! ? ; and line breaks) and clauses (also at commas and colons). */
export function splitSpans(text: string, clauses: boolean): Span[] {
	const boundary = clauses ? /[.!?;\n,:\p{Extended_Pictographic}]/u : /[.!?;\n]/;
	const spans: Span[] = [];
	let start = 0;
	for (let i = 0; i <= text.length; i++) {
		if (i === text.length || boundary.test(String.fromCodePoint(text.codePointAt(i)!))) {
			// Keep "5.30" and "3:30" together.
			if (
				i < text.length &&
				/[.:]/.test(text[i]) &&
				/\d/.test(text[i - 1] ?? '') &&
				/\d/.test(text[i + 1] ?? '')
			)
				continue;
			if (text.slice(start, i).trim()) spans.push({ start, end: i });
			start = i + 1;
		}
	}
	return spans;
}

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Ranges inside quotes: words the agent reports rather than says. Double quotes always pair up;
 * a single quote opens only after a space or punctuation and closes only before one, so the
 * apostrophes of "don't" and "the installer's" are left alone.
 */
export function quotedSpans(text: string): Span[] {
	const spans: Span[] = [];
	let double = -1;
	let single = -1;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') {
			if (double < 0) double = i;
			else {
				spans.push({ start: double, end: i + 1 });
				double = -1;
			}
		} else if (ch === "'") {
			const before = wordChar.test(text[i - 1] ?? ' ');
			const after = wordChar.test(text[i + 1] ?? ' ');
			if (single < 0 && !before && after) single = i;
			else if (single >= 0 && !after && (text[i - 1] ?? ' ') !== ' ') {
				spans.push({ start: single, end: i + 1 });
				single = -1;
			}
		}
	}
	return spans;
}

/**
 * Every match of a global regular expression, like `matchAll` but without the copy of the
 * expression `matchAll` makes on each call (most of its cost on short replies).
 */
export function execAll(regex: RegExp, text: string): RegExpExecArray[] {
	const found: RegExpExecArray[] = [];
	regex.lastIndex = 0;
	for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
		found.push(m);
		if (m[0].length === 0) {
			const code = text.codePointAt(regex.lastIndex) ?? 0;
			regex.lastIndex += regex.unicode && code > 0xffff ? 2 : 1;
		}
	}
	regex.lastIndex = 0;
	return found;
}
