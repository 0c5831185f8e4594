import type { Span } from './normalize';
import type { Reply } from './reply';

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
export function isKeywordString(reply: Reply, covered: Span[]): boolean {
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
