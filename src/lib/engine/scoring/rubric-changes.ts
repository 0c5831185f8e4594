/**
 * Changes to a rubric's detection, made on its YAML text: a phrase or an example reply added to or
 * removed from one dimension or violation. Each change is spliced into the text where it belongs,
 * so the rest of the file (comments, quoting, line breaks) stays exactly as it was written.
 */
import {
	isMap,
	isScalar,
	isSeq,
	parseDocument,
	type Document,
	type YAMLMap,
	type YAMLSeq
} from 'yaml';
import { addKey, appendItem, removeItem } from './yaml-splice';
import { normalize } from './normalize';

export type CriterionKind = 'dimension' | 'violation';

export type DetectionChange = {
	target: { kind: CriterionKind; id: string };
	op: 'add' | 'remove';
	field: 'phrase' | 'example';
	lang: 'zh' | 'en';
	value: string;
};

/** Why a change cannot be made, for the person who asked (`at`: 1-based character position). */
export type ChangeRefusal =
	| { reason: 'empty' }
	| { reason: 'too_long'; max: number }
	| { reason: 'multiline' }
	| { reason: 'pattern_like'; char: string; at: number }
	| { reason: 'no_words' }
	| { reason: 'wrong_language' }
	| { reason: 'unknown_criterion' }
	| { reason: 'already_there' }
	| { reason: 'not_there' }
	| { reason: 'last_example' }
	| { reason: 'unreadable' };

export const MAX_PHRASE = 60;
export const MAX_EXAMPLE = 300;

/** Characters that make a phrase look like a regular expression: phrases are matched literally. */
const PATTERN_CHARS = /[\\^$*+()[\]{}|]/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The value itself is fine for its field and language, or why not. What is removed only has to be
 * there (the file has Latin slang among its Chinese phrases, "yyds"); what is added must be in its
 * language.
 */
export function checkValue(
	field: DetectionChange['field'],
	lang: DetectionChange['lang'],
	raw: string,
	op: DetectionChange['op'] = 'add'
): ChangeRefusal | null {
	const value = raw.trim();
	if (value.length === 0) return { reason: 'empty' };
	if (/[\r\n]/.test(value)) return { reason: 'multiline' };
	const max = field === 'phrase' ? MAX_PHRASE : MAX_EXAMPLE;
	if ([...value].length > max) return { reason: 'too_long', max };
	if (field === 'phrase') {
		const found = PATTERN_CHARS.exec(value);
		if (found)
			return {
				reason: 'pattern_like',
				char: found[0],
				at: [...value.slice(0, found.index)].length + 1
			};
	}
	if (!/[\p{L}\p{N}]/u.test(value)) return { reason: 'no_words' };
	if (op === 'remove') return null;
	if (lang === 'zh' ? !HAN.test(value) : HAN.test(value) || !LATIN.test(value))
		return { reason: 'wrong_language' };
	return null;
}

const same = (a: string, b: string) => normalize(a.trim()) === normalize(b.trim());
const languageOf = (text: string): 'zh' | 'en' => (HAN.test(text) ? 'zh' : 'en');

/** A value as YAML in a flow or block list: plain Chinese as it is, anything else single-quoted. */
export function scalarText(value: string): string {
	if (/^\p{Script=Han}[\p{Script=Han}\p{N}]*$/u.test(value)) return value;
	return `'${value.replaceAll("'", "''")}'`;
}

type Located = { detectors: YAMLSeq; maps: YAMLMap[] };

const parse = (text: string): Document.Parsed | null => {
	const doc = parseDocument(text, { uniqueKeys: true });
	return doc.errors.length > 0 ? null : doc;
};

function locate(doc: Document.Parsed | null, target: DetectionChange['target']): Located | null {
	const list = doc?.get(target.kind === 'dimension' ? 'dimensions' : 'violations', true);
	if (!isSeq(list)) return null;
	const criterion = list.items.find((c) => isMap(c) && c.get('id') === target.id);
	if (!isMap(criterion)) return null;
	const detectors = criterion.get('detectors', true);
	if (!isSeq(detectors)) return null;
	const maps = detectors.items.filter((d): d is YAMLMap => isMap(d));
	return { detectors, maps };
}

const ofType = (maps: YAMLMap[], type: string) => maps.filter((d) => d.get('type') === type);

/** Scalars of a list, with where each is in the text. */
function scalars(seq: unknown): { value: string; start: number; end: number }[] {
	if (!isSeq(seq)) return [];
	return seq.items.flatMap((item) =>
		isScalar(item) && typeof item.value === 'string' && item.range
			? [{ value: item.value, start: item.range[0], end: item.range[1] }]
			: []
	);
}

export type Detection = {
	phrases: { zh: string[]; en: string[] };
	examples: { zh: string[]; en: string[] };
};

function detectionIn(found: Located): Detection {
	const phrases = { zh: [] as string[], en: [] as string[] };
	for (const d of ofType(found.maps, 'phrases'))
		for (const lang of ['zh', 'en'] as const)
			phrases[lang].push(...scalars(d.get(lang, true)).map((s) => s.value));
	const examples = ofType(found.maps, 'examples').flatMap((d) =>
		scalars(d.get('positive', true)).map((s) => s.value)
	);
	return {
		phrases,
		examples: {
			zh: examples.filter((e) => languageOf(e) === 'zh'),
			en: examples.filter((e) => languageOf(e) === 'en')
		}
	};
}

/** What each criterion's detection lists hold: its phrases per language and its example replies. */
export function detectionsOf(
	text: string,
	targets: readonly DetectionChange['target'][]
): (Detection | null)[] {
	const doc = parse(text);
	return targets.map((t) => {
		const found = locate(doc, t);
		return found ? detectionIn(found) : null;
	});
}

export const detectionOf = (text: string, target: DetectionChange['target']) =>
	detectionsOf(text, [target])[0];

type Applied = { ok: true; source: string } | { ok: false; refusal: ChangeRefusal };

function addTo(text: string, found: Located, change: DetectionChange): string | null {
	const item = scalarText(change.value.trim());
	if (change.field === 'phrase') {
		const detector = ofType(found.maps, 'phrases')[0];
		if (!detector)
			return appendItem(text, found.detectors, `type: phrases\n${change.lang}: [${item}]`);
		const list = detector.get(change.lang, true);
		return isSeq(list) ? appendItem(text, list, item) : addKey(text, detector, change.lang, item);
	}
	const detector = ofType(found.maps, 'examples')[0];
	if (!detector) return appendItem(text, found.detectors, `type: examples\npositive: [${item}]`);
	const list = detector.get('positive', true);
	return isSeq(list) ? appendItem(text, list, item) : null;
}

/** The first list item equal to the value (as the rules compare text), and its list. */
function findItem(found: Located, change: DetectionChange) {
	const key = change.field === 'phrase' ? change.lang : 'positive';
	const type = change.field === 'phrase' ? 'phrases' : 'examples';
	for (const detector of ofType(found.maps, type)) {
		const list = detector.get(key, true);
		if (!isSeq(list)) continue;
		const index = list.items.findIndex(
			(i) =>
				isScalar(i) &&
				typeof i.value === 'string' &&
				same(i.value, change.value) &&
				(change.field === 'phrase' || languageOf(i.value) === change.lang)
		);
		if (index >= 0) return { list, index };
	}
	return null;
}

/** One change spliced into the text (parsed as `doc`), not yet checked. */
function splice1(text: string, doc: Document.Parsed | null, change: DetectionChange): Applied {
	const invalid = checkValue(change.field, change.lang, change.value, change.op);
	if (invalid) return { ok: false, refusal: invalid };
	const found = locate(doc, change.target);
	if (!found) return { ok: false, refusal: { reason: 'unknown_criterion' } };
	const existing = findItem(found, change);
	let source: string | null;
	if (change.op === 'add') {
		if (existing) return { ok: false, refusal: { reason: 'already_there' } };
		source = addTo(text, found, change);
	} else {
		if (!existing) return { ok: false, refusal: { reason: 'not_there' } };
		if (change.field === 'example' && existing.list.items.length === 1)
			return { ok: false, refusal: { reason: 'last_example' } };
		source = removeItem(text, existing.list, existing.index);
	}
	return source === null ? { ok: false, refusal: { reason: 'unreadable' } } : { ok: true, source };
}

/** Whether the text now holds what the change meant to do (a splice it cannot read is refused). */
const holds = (doc: Document.Parsed | null, change: DetectionChange) => {
	const found = locate(doc, change.target);
	return found !== null && (change.op === 'add') === (findItem(found, change) !== null);
};

/** Applies one change to a rubric's text, or says why it cannot be made. */
export function applyChange(text: string, change: DetectionChange): Applied {
	const out = applyChanges(text, [change]);
	return out.ok ? out : { ok: false, refusal: out.refusal };
}

/**
 * Applies changes in order; the first that cannot be made is named by its index. Every change is
 * checked on the final text (a draft never holds a change and its undoing: see `withChange`).
 */
export function applyChanges(
	text: string,
	changes: readonly DetectionChange[]
): { ok: true; source: string } | { ok: false; index: number; refusal: ChangeRefusal } {
	let source = text;
	for (const [index, change] of changes.entries()) {
		const applied = splice1(source, parse(source), change);
		if (!applied.ok) return { ok: false, index, refusal: applied.refusal };
		source = applied.source;
	}
	const final = changes.length > 0 ? parse(source) : null;
	const broken = changes.findIndex((c) => !holds(final, c));
	if (broken >= 0) return { ok: false, index: broken, refusal: { reason: 'unreadable' } };
	return { ok: true, source };
}

const sameTarget = (a: DetectionChange, b: DetectionChange) =>
	a.target.kind === b.target.kind &&
	a.target.id === b.target.id &&
	a.field === b.field &&
	a.lang === b.lang &&
	same(a.value, b.value);

/**
 * A draft's change list with one more change: a change that undoes an earlier one (removing a
 * phrase the draft added, adding back one it removed) takes that one out instead.
 */
export function withChange(changes: readonly DetectionChange[], change: DetectionChange) {
	const undone = changes.findIndex((c) => sameTarget(c, change) && c.op !== change.op);
	if (undone >= 0) return changes.filter((_, i) => i !== undone);
	return [...changes, { ...change, value: change.value.trim() }];
}
