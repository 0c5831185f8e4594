import type { Clause } from './schema';

/** Every field of a clause a draft can change, in the order pages show them. */
export const clauseFields = [
	'title.zh',
	'title.en',
	'definition.zh',
	'definition.en',
	'counts.zh',
	'counts.en',
	'doesNotCount.zh',
	'doesNotCount.en',
	'example.zh',
	'example.en',
	'trigger',
	'points',
	'currency',
	'capPerMonth',
	'teams',
	'effectiveFrom',
	'effectiveTo'
] as const;
export type ClauseField = (typeof clauseFields)[number];

/** The value of one field, as canonical text for comparison. */
export function fieldText(clause: Clause, field: ClauseField): string {
	const [head, lang] = field.split('.') as [keyof Clause, 'zh' | 'en' | undefined];
	const value = clause[head] as unknown;
	if (lang) return (value as { zh: string; en: string })[lang];
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return [...value].sort().join(', ');
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The fields that differ between two versions of a clause. */
export function changedFields(before: Clause, after: Clause): ClauseField[] {
	return clauseFields.filter((f) => fieldText(before, f) !== fieldText(after, f));
}
