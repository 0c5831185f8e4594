import type { Evidence } from './assess';
import type { Span } from './normalize';
import type { Bilingual, CompiledDetector } from './rubric';
import type { Reply, Match } from './reply';
import { nearestIn } from './similarity';
import type { SetAside } from './trace';

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

export function detect(d: CompiledDetector, reply: Reply, isViolation: boolean): Match[] {
	return detectWithExclusions(d, reply, isViolation).found;
}

/**
 * What a detector finds, and whether it found something its own rules then ruled out (negated, or
 * beside an `unlessNear` cue: "I'm sorry you feel that way" is ruled out as an apology). What the
 * rules ruled out, the learned model may not credit. `setAside` collects what was dropped, and why.
 */
export function detectWithExclusions(
	d: CompiledDetector,
	reply: Reply,
	isViolation: boolean,
	setAside?: SetAside[]
): { found: Match[]; ruledOut: boolean } {
	const candidates = raw(d, reply).filter((m) => {
		const quoted = isViolation && reply.quoted(m);
		if (quoted && setAside && d.onlyNear.every((cue) => reply.near(m, cue, d.nearScope)))
			setAside.push({ start: m.start, end: m.end, why: 'quoted' });
		return !quoted && d.onlyNear.every((cue) => reply.near(m, cue, d.nearScope));
	});
	const found = candidates.filter((m) => {
		const why =
			d.negatable && reply.negated(m)
				? 'negated'
				: d.unlessNear.some((cue) => reply.near(m, cue, d.nearScope))
					? 'exception'
					: null;
		if (why) setAside?.push({ start: m.start, end: m.end, why });
		return why === null;
	});
	return { found, ruledOut: candidates.length > 0 && found.length === 0 };
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

export const toEvidence = (reply: Reply, matches: Match[], fallback: Bilingual): Evidence[] => {
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
