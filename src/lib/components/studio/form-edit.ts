/**
 * The form view's edits of the common fields (titles, briefing, persona), made on the YAML itself:
 * each value is set on its node, so comments, order and the rest of the file stay as written.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { temperaments } from '$lib/engine/scenario/schema';

export type Temperament = (typeof temperaments)[number];
export type FormFields = {
	titleZh: string;
	titleEn: string;
	briefingZh: string;
	briefingEn: string;
	nameZh: string;
	nameEn: string;
	temperament: Temperament;
	mood: number;
};
type Path = readonly (string | number)[];
export const fieldPaths: Record<keyof FormFields, Path> = {
	titleZh: ['title', 'zh'],
	titleEn: ['title', 'en'],
	briefingZh: ['briefing', 'zh'],
	briefingEn: ['briefing', 'en'],
	nameZh: ['persona', 'name', 'zh'],
	nameEn: ['persona', 'name', 'en'],
	temperament: ['persona', 'temperament'],
	mood: ['persona', 'mood']
};

const parse = (text: string) => {
	const doc = parseDocument(text, { prettyErrors: false });
	return doc.errors.length > 0 || !isMap(doc.contents) ? null : doc;
};

/** The fields as the YAML has them, or null while the YAML cannot be read. */
export function readFields(text: string): FormFields | null {
	const doc = parse(text);
	if (!doc) return null;
	const text_ = (path: Path) => {
		const value = doc.getIn(path);
		return typeof value === 'string' ? value.replace(/\n$/, '') : '';
	};
	const temperament = doc.getIn(fieldPaths.temperament);
	const mood = doc.getIn(fieldPaths.mood);
	return {
		titleZh: text_(fieldPaths.titleZh),
		titleEn: text_(fieldPaths.titleEn),
		briefingZh: text_(fieldPaths.briefingZh),
		briefingEn: text_(fieldPaths.briefingEn),
		nameZh: text_(fieldPaths.nameZh),
		nameEn: text_(fieldPaths.nameEn),
		temperament: (temperaments as readonly unknown[]).includes(temperament)
			? (temperament as Temperament)
			: 'calm',
		mood: typeof mood === 'number' ? mood : 50
	};
}

const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^:#,[\]{}]*$/;
const RESERVED =
	/^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_.]*|\.\d+)(?:e[-+]?\d+)?|\.inf|\.nan)$/i;

/** One line of YAML for a value: plain where that reads the same, else double-quoted. */
function inline(value: string | number): string {
	if (typeof value === 'number') return String(value);
	return PLAIN.test(value) && !value.endsWith(' ') && !RESERVED.test(value)
		? value
		: JSON.stringify(value);
}

/** Where `offset` is on its line (0-based column). */
const columnOf = (text: string, offset: number) =>
	offset - (text.lastIndexOf('\n', offset - 1) + 1);

/**
 * The YAML with one field set; null while the YAML cannot be read. Only the value's own text is
 * replaced, so comments, layout and every other line stay exactly as written.
 */
export function setField<K extends keyof FormFields>(
	text: string,
	field: K,
	value: FormFields[K]
): string | null {
	const doc = parse(text);
	if (!doc) return null;
	const path = fieldPaths[field];
	const node = doc.getIn(path, true);
	const parent = doc.getIn(path.slice(0, -1), true);
	if (!isScalar(node) || !node.range || !isMap(parent)) {
		// A field the source does not have yet: added by the library, which may reflow the file.
		doc.setIn(path, value);
		return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
	}
	const [start, end] = node.range;
	const multiline = typeof value === 'string' && value.includes('\n');
	let replacement: string;
	if (multiline && !parent.flow) {
		const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
		const keyStart = isScalar(pair?.key) ? (pair.key.range?.[0] ?? start) : start;
		const indent = ' '.repeat(columnOf(text, keyStart) + 2);
		const lines = (value as string).split('\n').map((line) => (line ? indent + line : ''));
		replacement = `|\n${lines.join('\n')}`;
	} else replacement = inline(value);
	// A block scalar's text ends with its line break: the next key keeps its own line.
	if (text[end - 1] === '\n') replacement += '\n';
	return text.slice(0, start) + replacement + text.slice(end);
}
