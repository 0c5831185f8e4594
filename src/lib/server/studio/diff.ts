import { diffLines } from 'diff';

export type DiffLine =
	| { kind: 'same' | 'add' | 'del'; text: string; oldLine: number | null; newLine: number | null }
	| { kind: 'skip'; count: number };

/** How many unchanged lines stay on each side of a change. */
const CONTEXT = 3;

/** A line diff of two YAML sources, long unchanged stretches folded to a count. */
export function lineDiff(before: string, after: string): DiffLine[] {
	const lines: Exclude<DiffLine, { kind: 'skip' }>[] = [];
	let oldLine = 1;
	let newLine = 1;
	for (const part of diffLines(before, after)) {
		const texts = part.value.replace(/\n$/, '').split('\n');
		for (const text of texts) {
			if (part.added) lines.push({ kind: 'add', text, oldLine: null, newLine: newLine++ });
			else if (part.removed) lines.push({ kind: 'del', text, oldLine: oldLine++, newLine: null });
			else lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
		}
	}
	const changed = lines.map((l, i) => (l.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
	const near = (i: number) => changed.some((c) => Math.abs(c - i) <= CONTEXT);
	const out: DiffLine[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].kind !== 'same' || near(i)) {
			out.push(lines[i]);
			continue;
		}
		const last = out.at(-1);
		if (last?.kind === 'skip') last.count++;
		else out.push({ kind: 'skip', count: 1 });
	}
	return out;
}
