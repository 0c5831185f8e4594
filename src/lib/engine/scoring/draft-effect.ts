/**
 * What a changed rubric does to labelled replies: each reply scored as the app scores it with the
 * rubric before and after, the figures per criterion, and the replies whose result changes.
 */
import { assessReply, SHOWN } from './assess';
import type { CompiledRubric } from './rubric';
import { precision, recall, type Counts } from './learned/evaluate';
import type { Labelled } from './learned/pipeline';

/** Per criterion: found (a dimension shown, a violation counted) or not, for each reply. */
export type Findings = Map<string, Record<string, boolean>>;

/** What the app decides for one reply: dimensions shown, violations counted (not the uncertain ones). */
export function findingsOf(items: readonly Labelled[], rubric: CompiledRubric): Findings {
	const expects = rubric.dimensions.map((d) => d.id);
	const out: Findings = new Map();
	for (const item of items) {
		const a = assessReply(item.text, { rubric, lang: item.lang, expects });
		const found: Record<string, boolean> = {};
		for (const d of rubric.dimensions) found[d.id] = a.dimensions[d.id].score >= SHOWN;
		for (const v of rubric.violations)
			found[v.id] = a.violations.some((x) => x.id === v.id && !x.uncertain);
		out.set(item.id, found);
	}
	return out;
}

export type Figures = { precision: number; recall: number; tp: number; fp: number; fn: number };
export type Changed = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	criterion: string;
	before: boolean;
	after: boolean;
	/** What the labeller said, when the reply is labelled for this criterion. */
	labelled: boolean | null;
};
export type Effect = {
	n: number;
	/** Per criterion, before and after. */
	criteria: Record<string, { before: Figures; after: Figures }>;
	/** Every criterion's findings counted together. */
	overall: { before: Figures; after: Figures };
	changed: Changed[];
};

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const add = (c: Counts, got: boolean, want: boolean) => {
	if (got && want) c.tp++;
	else if (got) c.fp++;
	else if (want) c.fn++;
	else c.tn++;
};
const figures = (c: Counts): Figures => ({
	precision: precision(c),
	recall: recall(c),
	tp: c.tp,
	fp: c.fp,
	fn: c.fn
});

/** Compares the findings of two rubrics (see `findingsOf`) on the same labelled replies. */
export function compareFindings(
	items: readonly Labelled[],
	criteria: readonly string[],
	before: Findings,
	after: Findings
): Effect {
	const counts = Object.fromEntries(criteria.map((c) => [c, { before: empty(), after: empty() }]));
	const all = { before: empty(), after: empty() };
	const changed: Changed[] = [];
	for (const item of items) {
		const was = before.get(item.id);
		const now = after.get(item.id);
		if (!was || !now) continue;
		for (const criterion of criteria) {
			const label = item.labels[criterion];
			const want = label === undefined ? null : label === 1;
			if (was[criterion] !== now[criterion])
				changed.push({
					id: item.id,
					lang: item.lang,
					text: item.text,
					criterion,
					before: was[criterion],
					after: now[criterion],
					labelled: want
				});
			if (want === null) continue;
			add(counts[criterion].before, was[criterion], want);
			add(counts[criterion].after, now[criterion], want);
			add(all.before, was[criterion], want);
			add(all.after, now[criterion], want);
		}
	}
	return {
		n: items.length,
		criteria: Object.fromEntries(
			Object.entries(counts).map(([c, x]) => [
				c,
				{ before: figures(x.before), after: figures(x.after) }
			])
		),
		overall: { before: figures(all.before), after: figures(all.after) },
		changed
	};
}
