/**
 * Character n-gram TF-IDF vectors and cosine similarity: the "nearest example" measure that lets
 * trainers improve detection by adding example replies instead of code.
 */
import { A0, B0, HashBuffer, HashTable, stepA, stepB } from './hashing';

export type Vector = { ids: Int32Array; weights: Float64Array; norm: number };

const isHan = (ch: string) => ch >= '\u3400' && ch <= '\u9fff';
const wordPart = /[\p{L}\p{N}']/u;
const isWordPart = (ch: string) =>
	(ch >= 'a' && ch <= 'z') ||
	(ch >= '0' && ch <= '9') ||
	ch === "'" ||
	(ch > '\u007f' && wordPart.test(ch));

/** Chinese: single characters and pairs; other scripts: 3-grams of each space-padded word. */
export function grams(text: string): string[] {
	const out: string[] = [];
	let word = '';
	let prevHan = '';
	const flush = () => {
		if (word.length > 0) {
			const padded = ` ${word} `;
			for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
			word = '';
		}
	};
	for (const ch of text) {
		if (isHan(ch)) {
			flush();
			out.push(ch);
			if (prevHan) out.push(prevHan + ch);
			prevHan = ch;
		} else {
			prevHan = '';
			if (isWordPart(ch)) word += ch;
			else flush();
		}
	}
	flush();
	return out;
}

/** The 3-grams of text[start, end) padded with a space on each side. */
function paddedGrams(text: string, start: number, end: number, out: HashBuffer) {
	const length = end - start + 2;
	for (let i = 0; i + 3 <= length; i++) {
		let a = A0;
		let b = B0;
		for (let k = i; k < i + 3; k++) {
			const c = k === 0 || k === length - 1 ? 32 : text.charCodeAt(start + k - 1);
			a = stepA(a, c);
			b = stepB(b, c);
		}
		out.push(a, b, 0, 0);
	}
}

/**
 * The same grams as `grams`, as hash pairs (see `hashing.ts`) in a reused buffer, without making
 * a string for each: what scoring reads.
 */
export function gramHashes(text: string, out: HashBuffer): HashBuffer {
	out.length = 0;
	let wordStart = -1;
	let prevHan = -1;
	for (let i = 0; i < text.length;) {
		const code = text.codePointAt(i)!;
		const width = code > 0xffff ? 2 : 1;
		if (code >= 0x3400 && code <= 0x9fff) {
			if (wordStart >= 0) paddedGrams(text, wordStart, i, out);
			wordStart = -1;
			out.push(stepA(A0, code), stepB(B0, code), 0, 0);
			if (prevHan >= 0)
				out.push(stepA(stepA(A0, prevHan), code), stepB(stepB(B0, prevHan), code), 0, 0);
			prevHan = code;
		} else {
			prevHan = -1;
			if (isWordPart(width === 2 ? text.slice(i, i + 2) : text[i])) {
				if (wordStart < 0) wordStart = i;
			} else {
				if (wordStart >= 0) paddedGrams(text, wordStart, i, out);
				wordStart = -1;
			}
		}
		i += width;
	}
	if (wordStart >= 0) paddedGrams(text, wordStart, text.length, out);
	return out;
}

export class ExampleSpace {
	private readonly ids = new HashTable();
	private readonly buffer = new HashBuffer();
	private idf: Float64Array = new Float64Array(0);
	private unseenIdf = 1;

	/** Builds the vocabulary and inverse document frequencies from every example text. */
	constructor(documents: string[]) {
		const df: number[] = [];
		const lastDoc: number[] = [];
		documents.forEach((doc, d) => {
			const found = gramHashes(doc, this.buffer);
			for (let k = 0; k < found.length; k++) {
				const id = this.ids.add(found.a[k], found.b[k], this.ids.size);
				if (id === df.length) {
					df.push(0);
					lastDoc.push(-1);
				}
				if (lastDoc[id] !== d) {
					lastDoc[id] = d;
					df[id] += 1;
				}
			}
		});
		const n = documents.length;
		this.idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
		this.unseenIdf = Math.log(1 + n) + 1;
	}

	vector(text: string): Vector {
		const grams = gramHashes(text, this.buffer);
		const found: number[] = [];
		let unseen = 0;
		for (let k = 0; k < grams.length; k++) {
			const id = this.ids.get(grams.a[k], grams.b[k]);
			if (id < 0) unseen += 1;
			else found.push(id);
		}
		const sorted = Int32Array.from(found).sort();
		let distinct = 0;
		for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
		const ids = new Int32Array(distinct);
		const weights = new Float64Array(distinct);
		for (let k = 0, j = -1; k < sorted.length; k++) {
			if (k === 0 || sorted[k] !== sorted[k - 1]) ids[++j] = sorted[k];
			weights[j] += this.idf[sorted[k]];
		}
		let norm = unseen * this.unseenIdf * this.unseenIdf;
		for (const w of weights) norm += w * w;
		return { ids, weights, norm: Math.sqrt(norm) };
	}
}

export function cosine(a: Vector, b: Vector): number {
	if (a.norm === 0 || b.norm === 0) return 0;
	let dot = 0;
	for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
		if (a.ids[i] === b.ids[j]) dot += a.weights[i++] * b.weights[j++];
		else if (a.ids[i] < b.ids[j]) i++;
		else j++;
	}
	return dot / (a.norm * b.norm);
}

/** A run of examples inside the space's shared list. */
export type ExampleRange = { start: number; end: number };

/**
 * Every example of a rubric in one inverted index, so a sentence is compared with all of them in one
 * pass over its own n-grams; each detector then reads the similarities of its own range.
 */
export class ExampleIndex {
	private readonly vectors: Vector[] = [];
	/** Examples holding gram g: index[start[g]] … index[start[g + 1] - 1], with their weights. */
	private postings?: { start: Int32Array; index: Int32Array; weight: Float64Array };
	private norms = new Float64Array(0);

	add(vectors: Vector[]): ExampleRange {
		const start = this.vectors.length;
		this.vectors.push(...vectors);
		this.postings = undefined;
		return { start, end: this.vectors.length };
	}

	private build() {
		let grams = 0;
		for (const e of this.vectors) for (const id of e.ids) grams = Math.max(grams, id + 1);
		const start = new Int32Array(grams + 1);
		for (const e of this.vectors) for (const id of e.ids) start[id + 1]++;
		for (let g = 0; g < grams; g++) start[g + 1] += start[g];
		const fill = start.slice(0, grams);
		const index = new Int32Array(start[grams]);
		const weight = new Float64Array(start[grams]);
		this.vectors.forEach((e, i) =>
			e.ids.forEach((id, k) => {
				index[fill[id]] = i;
				weight[fill[id]++] = e.weights[k];
			})
		);
		this.norms = Float64Array.from(this.vectors, (e) => e.norm);
		return (this.postings = { start, index, weight });
	}

	/** Cosine similarity of `v` with every example, in example order. */
	similarities(v: Vector): Float64Array {
		const { start, index, weight } = this.postings ?? this.build();
		const sims = new Float64Array(this.vectors.length);
		if (v.norm === 0) return sims;
		const grams = start.length - 1;
		for (let k = 0; k < v.ids.length; k++) {
			const id = v.ids[k];
			if (id >= grams) continue;
			const w = v.weights[k];
			for (let p = start[id]; p < start[id + 1]; p++) sims[index[p]] += weight[p] * w;
		}
		const norms = this.norms;
		for (let i = 0; i < sims.length; i++)
			if (sims[i] !== 0) sims[i] = norms[i] > 0 ? sims[i] / (norms[i] * v.norm) : 0;
		return sims;
	}
}

/** The best similarity within a range, and where it is (-1 when nothing is shared). */
export function nearestIn(
	sims: Float64Array,
	range: ExampleRange
): { index: number; similarity: number } {
	let index = -1;
	let similarity = 0;
	for (let i = range.start; i < range.end; i++) {
		if (sims[i] > similarity) {
			similarity = sims[i];
			index = i - range.start;
		}
	}
	return { index, similarity };
}
