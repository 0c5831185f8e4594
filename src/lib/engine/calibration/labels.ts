/**
 * The labels a grader (or the automatic scorer) gives one reply, and how they turn into the
 * yes/no values the agreement statistics work on.
 *
 * A criterion is either a dimension (was something the reply needed shown, not shown, or not
 * needed at all?) or a violation (is the problem present?). Statistics are binary: a dimension's
 * "not needed" says nothing about whether it was shown, so it is left out of them.
 */

/** How a reply stands on a dimension. */
export type DimensionLabel = 'shown' | 'not_shown' | 'not_needed';
export const dimensionLabels: readonly DimensionLabel[] = ['shown', 'not_shown', 'not_needed'];

/** Everything one judge said about one reply: dimensions by id, violations by id (true = present). */
export type Labels = {
	dimensions: Record<string, DimensionLabel>;
	violations: Record<string, boolean>;
};

export type CriterionKind = 'dimension' | 'violation';

/** One thing a reply is judged on. */
export type Criterion = { kind: CriterionKind; id: string };

/** A criterion's stable string form, as stored and shown: `dimension:empathy`, `violation:disrespect`. */
export type CriterionKey = `${CriterionKind}:${string}`;

/** A single label, whichever kind of criterion it belongs to. */
export type LabelValue = DimensionLabel | boolean;

/** The stable string form of a criterion. */
export function criterionKey(criterion: Criterion): CriterionKey {
	return `${criterion.kind}:${criterion.id}`;
}

/** The criterion a key names, or null when the text is not a criterion key. */
export function parseCriterionKey(key: string): Criterion | null {
	const colon = key.indexOf(':');
	if (colon < 0) return null;
	const kind = key.slice(0, colon);
	const id = key.slice(colon + 1);
	if ((kind !== 'dimension' && kind !== 'violation') || id === '') return null;
	return { kind, id };
}

/** Labels with nothing in them. */
export function emptyLabels(): Labels {
	return { dimensions: {}, violations: {} };
}

/** What the labels say about a criterion, or undefined when they say nothing. */
export function labelOf(labels: Labels, criterion: Criterion): LabelValue | undefined {
	const table: Record<string, LabelValue> =
		criterion.kind === 'dimension' ? labels.dimensions : labels.violations;
	return Object.hasOwn(table, criterion.id) ? table[criterion.id] : undefined;
}

/** Records a label in place; a value of the wrong kind for the criterion is ignored. */
export function setLabel(labels: Labels, criterion: Criterion, value: LabelValue): void {
	if (criterion.kind === 'dimension' && typeof value === 'string') {
		labels.dimensions[criterion.id] = value;
	} else if (criterion.kind === 'violation' && typeof value === 'boolean') {
		labels.violations[criterion.id] = value;
	}
}

/**
 * A label as a yes/no for agreement statistics. A dimension is "yes" when shown, "no" when not
 * shown and null (left out) when not needed; a violation is its own value (yes = present). A value
 * of the wrong kind for the criterion, or no value at all, is null too.
 */
export function binary(kind: 'dimension', value: DimensionLabel | undefined): boolean | null;
export function binary(kind: 'violation', value: boolean | undefined): boolean | null;
export function binary(kind: CriterionKind, value: LabelValue | undefined): boolean | null;
export function binary(kind: CriterionKind, value: LabelValue | undefined): boolean | null {
	if (kind === 'violation') return typeof value === 'boolean' ? value : null;
	if (value === 'shown') return true;
	if (value === 'not_shown') return false;
	return null;
}

/** What the labels say about a criterion as a yes/no (null when nothing, or not needed). */
export function binaryOf(labels: Labels, criterion: Criterion): boolean | null {
	return binary(criterion.kind, labelOf(labels, criterion));
}
