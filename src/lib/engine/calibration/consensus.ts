/**
 * The consensus of several graders who labelled the same reply blind: per criterion, the value
 * most of them gave. A tie is settled by the session owner's own answer, when the owner gave one
 * of the tied values; otherwise the criterion has no consensus and is listed as a tie for the
 * owner to settle by hand.
 */
import {
	criterionKey,
	emptyLabels,
	labelOf,
	setLabel,
	type Criterion,
	type CriterionKey,
	type LabelValue,
	type Labels
} from './labels';

/** One grader's labels for one item. */
export type Answer = { graderId: number; labels: Labels };

/** The agreed labels (only criteria that have a consensus) and the criteria left tied. */
export type Consensus = { labels: Labels; ties: CriterionKey[] };

/** The outcome of counting one criterion's votes. */
export type Vote =
	| { outcome: 'none' }
	| { outcome: 'majority' | 'owner'; value: LabelValue }
	| { outcome: 'tie'; tied: LabelValue[] };

/**
 * Counts the graders' votes on one criterion. Each value (three for a dimension, two for a
 * violation) is counted separately; the value with the most votes wins. With several values
 * sharing the top count, the owner's answer settles it if it is one of them.
 */
export function vote(answers: readonly Answer[], ownerId: number, criterion: Criterion): Vote {
	const counts = new Map<LabelValue, number>();
	let owner: LabelValue | undefined;
	for (const answer of answers) {
		const value = labelOf(answer.labels, criterion);
		if (value === undefined) continue;
		counts.set(value, (counts.get(value) ?? 0) + 1);
		if (answer.graderId === ownerId) owner = value;
	}
	if (counts.size === 0) return { outcome: 'none' };
	const top = Math.max(...counts.values());
	const tied = [...counts.entries()].filter(([, n]) => n === top).map(([value]) => value);
	if (tied.length === 1) return { outcome: 'majority', value: tied[0] };
	if (owner !== undefined && tied.includes(owner)) return { outcome: 'owner', value: owner };
	return { outcome: 'tie', tied };
}

/**
 * The consensus labels of one item. Criteria nobody answered are simply absent; criteria whose
 * tie the owner could not settle are absent from the labels and listed in `ties`, in the order
 * of `criteria`.
 */
export function consensus(
	answers: readonly Answer[],
	ownerId: number,
	criteria: readonly Criterion[]
): Consensus {
	const labels = emptyLabels();
	const ties: CriterionKey[] = [];
	for (const criterion of criteria) {
		const result = vote(answers, ownerId, criterion);
		if (result.outcome === 'tie') ties.push(criterionKey(criterion));
		else if (result.outcome !== 'none') setLabel(labels, criterion, result.value);
	}
	return { labels, ties };
}
