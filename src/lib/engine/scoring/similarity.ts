/**
 * Character n-gram TF-IDF vectors and cosine similarity: the "nearest example" measure that lets
 * trainers improve detection by adding example replies instead of code.
 */
export type Vector = { ids: Int32Array; weights: Float64Array; norm: number };

const isHan = (ch: string) => ch >= '\u3400' && ch <= '\u9fff';

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
			if (/[\p{L}\p{N}']/u.test(ch)) word += ch;
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
		for (const gram of grams(text)) {
			const id = this.ids.get(gram);
			if (id === undefined) unseen += 1;
			else counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const ids = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
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
