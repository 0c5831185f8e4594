/**
 * Edits of a YAML text at the places the parser located: an item added to or removed from a list,
 * a key added to a map, each in the style the text already uses (flow `[a, b]` or block `- a`).
 */
import { isMap, isScalar, type YAMLMap, type YAMLSeq } from 'yaml';

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
	const end = text.indexOf('\n', at);
	return end < 0 ? text.length : end;
};
const splice = (text: string, start: number, end: number, insert = '') =>
	text.slice(0, start) + insert + text.slice(end);

/** Adds an item at the end of a list, in the list's own style. */
export function appendItem(text: string, seq: YAMLSeq, item: string): string | null {
	const range = seq.range;
	if (!range) return null;
	const last = seq.items.at(-1);
	const lastEnd = isScalar(last) || isMap(last) ? last.range?.[1] : undefined;
	if (seq.flow) {
		if (lastEnd === undefined) {
			const close = text.lastIndexOf(']', range[1]);
			return close < range[0] ? null : splice(text, close, close, item);
		}
		return splice(text, lastEnd, lastEnd, `, ${item}`);
	}
	if (lastEnd === undefined) return null;
	const start = lineStart(text, range[0]);
	const indent = text.slice(start, range[0]);
	if (!/^[ ]*$/.test(indent)) return null;
	const at = lineEnd(text, lastEnd - (text[lastEnd - 1] === '\n' ? 1 : 0));
	const lines = item.split('\n').map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));
	return splice(text, at, at, lines.map((l) => `\n${indent}${l}`).join(''));
}

/** Adds `key: [item]` to a detector written as a map. */
export function addKey(text: string, map: YAMLMap, key: string, item: string): string | null {
	const first = map.items[0];
	const last = map.items.at(-1);
	const keyStart = isScalar(first?.key) ? first.key.range?.[0] : undefined;
	const valueEnd = (last?.value as { range?: [number, number, number] } | null)?.range?.[1];
	if (keyStart === undefined || valueEnd === undefined) return null;
	if (map.flow) return splice(text, valueEnd, valueEnd, `, ${key}: [${item}]`);
	const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
	const at = lineEnd(text, valueEnd - (text[valueEnd - 1] === '\n' ? 1 : 0));
	return splice(text, at, at, `\n${indent}${key}: [${item}]`);
}

/** Removes one item of a list; a list left empty is written `[]`. */
export function removeItem(text: string, seq: YAMLSeq, index: number): string | null {
	const items = seq.items.map((i) => (isScalar(i) ? i.range : undefined));
	const range = items[index];
	if (!range || !seq.range) return null;
	if (items.length === 1) return splice(text, seq.range[0], seq.range[1], '[]');
	if (seq.flow) {
		const next = items[index + 1];
		if (next) return splice(text, range[0], next[0]);
		const prev = items[index - 1];
		return prev ? splice(text, prev[1], range[1]) : null;
	}
	const start = lineStart(text, range[0]);
	const end = lineEnd(text, range[1] - (text[range[1] - 1] === '\n' ? 1 : 0));
	return splice(text, start, Math.min(text.length, end + 1));
}
