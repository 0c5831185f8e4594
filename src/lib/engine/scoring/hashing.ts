/**
 * Two independent 32-bit hashes of a string, built one character at a time, and an
 * open-addressing table keyed by the pair. Scoring looks up hundreds of n-grams per reply; hashing
 * them as they are read avoids making a string for each. With 64 bits of key, a false match among
 * a vocabulary of 100,000 entries has a chance of about one in 10⁹ per reply.
 */
export const A0 = 0x811c9dc5 | 0;
export const B0 = 0x2f6b1e3d | 0;

/** FNV-1a step. */
export const stepA = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
/** A multiply-xorshift step with another constant: independent of `stepA`. */
export const stepB = (h: number, c: number) => {
	const x = Math.imul(h ^ c, 0x5bd1e995);
	return x ^ (x >>> 15);
};

export type Hash = { a: number; b: number };

/** Continues the first hash over a string (without allocating). */
export function foldA(h: number, text: string): number {
	for (let i = 0; i < text.length; i++) h = stepA(h, text.charCodeAt(i));
	return h;
}

/** Continues the second hash over a string (without allocating). */
export function foldB(h: number, text: string): number {
	for (let i = 0; i < text.length; i++) h = stepB(h, text.charCodeAt(i));
	return h;
}

/** Continues a hash over a string. */
export function extend(h: Hash, text: string): Hash {
	let { a, b } = h;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = stepA(a, c);
		b = stepB(b, c);
	}
	return { a, b };
}

export const hashOf = (text: string): Hash => extend({ a: A0, b: B0 }, text);

const slotOf = (a: number, mask: number) => (a ^ (a >>> 16)) & mask;

function capacityFor(n: number) {
	let size = 16;
	while (size < n * 2) size *= 2;
	return size;
}

/** Hash pair → a non-negative value (an index). Key and value share a cache line: [a, b, value]. */
export class HashTable {
	private slots: Int32Array;
	private mask: number;
	size = 0;

	constructor(capacity = 8) {
		const size = capacityFor(capacity);
		this.slots = new Int32Array(size * 3).fill(-1);
		this.mask = size - 1;
	}

	private grow() {
		const old = this.slots;
		const size = (this.mask + 1) * 2;
		this.slots = new Int32Array(size * 3).fill(-1);
		this.mask = size - 1;
		this.size = 0;
		for (let s = 0; s < old.length; s += 3)
			if (old[s + 2] >= 0) this.add(old[s], old[s + 1], old[s + 2]);
	}

	/** The value under a key, or -1. */
	get(a: number, b: number): number {
		const slots = this.slots;
		for (let s = slotOf(a, this.mask); ; s = (s + 1) & this.mask) {
			const v = slots[3 * s + 2];
			if (v < 0) return -1;
			if (slots[3 * s] === a && slots[3 * s + 1] === b) return v;
		}
	}

	/** Stores a value under a key unless one is there; returns the value in force. */
	add(a: number, b: number, value: number): number {
		if ((this.size + 1) * 2 > this.mask + 1) this.grow();
		const slots = this.slots;
		for (let s = slotOf(a, this.mask); ; s = (s + 1) & this.mask) {
			const v = slots[3 * s + 2];
			if (v < 0) {
				slots[3 * s] = a;
				slots[3 * s + 1] = b;
				slots[3 * s + 2] = value;
				this.size++;
				return value;
			}
			if (slots[3 * s] === a && slots[3 * s + 1] === b) return v;
		}
	}
}

/** Hash pairs and their spans, in a buffer reused from one reply to the next. */
export class HashBuffer {
	a = new Int32Array(256);
	b = new Int32Array(256);
	start = new Int32Array(256);
	end = new Int32Array(256);
	length = 0;

	push(a: number, b: number, start: number, end: number) {
		if (this.length === this.a.length) this.grow();
		const k = this.length++;
		this.a[k] = a;
		this.b[k] = b;
		this.start[k] = start;
		this.end[k] = end;
	}

	private grow() {
		const size = this.a.length * 2;
		const copy = (from: Int32Array) => {
			const to = new Int32Array(size);
			to.set(from);
			return to;
		};
		this.a = copy(this.a);
		this.b = copy(this.b);
		this.start = copy(this.start);
		this.end = copy(this.end);
	}
}

/**
 * A set of hash pairs that empties in constant time (a new epoch), for counting the distinct
 * features of one reply after another without allocating.
 */
export class ScratchSet {
	private ka = new Int32Array(0);
	private kb = new Int32Array(0);
	private stamp = new Uint32Array(0);
	private mask = 0;
	private epoch = 0;

	/** Empties the set, making room for up to `n` keys. */
	reset(n: number) {
		const size = capacityFor(n);
		if (size > this.stamp.length) {
			this.ka = new Int32Array(size);
			this.kb = new Int32Array(size);
			this.stamp = new Uint32Array(size);
			this.mask = size - 1;
			this.epoch = 0;
		}
		this.epoch++;
		if (this.epoch === 0xffffffff) {
			this.stamp.fill(0);
			this.epoch = 1;
		}
	}

	/** Adds a key; true when it was not there. */
	add(a: number, b: number): boolean {
		for (let s = slotOf(a, this.mask); ; s = (s + 1) & this.mask) {
			if (this.stamp[s] !== this.epoch) {
				this.stamp[s] = this.epoch;
				this.ka[s] = a;
				this.kb[s] = b;
				return true;
			}
			if (this.ka[s] === a && this.kb[s] === b) return false;
		}
	}
}
