/**
 * Character n-gram TF-IDF vectors and cosine similarity: the "nearest example" measure that lets
 * trainers improve detection by adding example replies instead of code.
 */
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

export class ExampleSpace {
	private readonly ids = new Map<string, number>();
	private idf: Float64Array = new Float64Array(0);
	private unseenIdf = 1;

	/** Builds the vocabulary and inverse document frequencies from every example text. */
	constructor(documents: string[]) {
		const df: number[] = [];
		for (const doc of documents) {
			for (const gram of new Set(grams(doc))) {
				let id = this.ids.get(gram);
				if (id === undefined) {
					id = this.ids.size;
					this.ids.set(gram, id);
					df.push(0);
				}
				df[id] += 1;
			}
		}
		const n = documents.length;
		this.idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
		this.unseenIdf = Math.log(1 + n) + 1;
	}

	vector(text: string): Vector {
		const counts = new Map<number, number>();
		let unseen = 0;
		const all = grams(text);
		for (let i = 0; i < all.length; i++) {
			const id = this.ids.get(all[i]);
			if (id === undefined) unseen += 1;
			else counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const ids = Int32Array.from(counts.keys()).sort();
		const weights = Float64Array.from(ids, (id) => counts.get(id)! * this.idf[id]);
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
	private postings?: Map<number, { index: number; weight: number }[]>;

	add(vectors: Vector[]): ExampleRange {
		const start = this.vectors.length;
		this.vectors.push(...vectors);
		return { start, end: this.vectors.length };
	}

	/** Cosine similarity of `v` with every example, in example order. */
	similarities(v: Vector): Float64Array {
		if (!this.postings) {
			this.postings = new Map();
			this.vectors.forEach((e, index) =>
				e.ids.forEach((id, k) => {
					const list = this.postings!.get(id) ?? [];
					list.push({ index, weight: e.weights[k] });
					this.postings!.set(id, list);
				})
			);
		}
		const sims = new Float64Array(this.vectors.length);
		for (let k = 0; k < v.ids.length; k++) {
			const list = this.postings.get(v.ids[k]);
			if (!list) continue;
			const w = v.weights[k];
			for (let j = 0; j < list.length; j++) sims[list[j].index] += list[j].weight * w;
		}
		for (let i = 0; i < sims.length; i++) {
			const norm = this.vectors[i].norm * v.norm;
			sims[i] = norm > 0 ? sims[i] / norm : 0;
		}
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
