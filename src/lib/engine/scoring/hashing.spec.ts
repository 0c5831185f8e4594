import { describe, expect, it } from 'vitest';
import { HashBuffer, HashTable, ScratchSet, hashOf } from './hashing';
import { occurrences, scanFeatures } from './learned/features';
import { normalize } from './normalize';
import { gramHashes, grams } from './similarity';

const texts = [
	'您好，非常抱歉让您久等了，师傅今天下午五点前一定上门。',
	"I'm sorry the technician didn't turn up; he'll be there by 5 pm today.",
	'這台冰箱的味道我們會處理，ok 嗎？',
	'mixed 中英 text with emoji 😀 and 𠀀 astral han, and  double  spaces',
	'',
	'a',
	'退款 refund 3-5 working days (see policy §4.2)'
].map(normalize);

const key = (a: number, b: number) => `${a}:${b}`;
const hashKey = (s: string) => {
	const h = hashOf(s);
	return key(h.a, h.b);
};

describe('hashing what scoring reads', () => {
	it('hashes the same features, spans and order as the string form', () => {
		for (const text of texts) {
			const expected = occurrences(text).map((o) => `${hashKey(o.key)}@${o.start}-${o.end}`);
			const found = scanFeatures(text, new HashBuffer());
			const seen = Array.from(
				{ length: found.length },
				(_, k) => `${key(found.a[k], found.b[k])}@${found.start[k]}-${found.end[k]}`
			);
			expect(seen).toEqual(expected);
		}
	});

	it('hashes the same similarity grams as the string form', () => {
		for (const text of texts) {
			const found = gramHashes(text, new HashBuffer());
			const seen = Array.from({ length: found.length }, (_, k) => key(found.a[k], found.b[k]));
			expect(seen).toEqual(grams(text).map(hashKey));
		}
	});

	it('keeps values under distinct keys as the table grows, and forgets nothing', () => {
		const table = new HashTable();
		const words = Array.from({ length: 5000 }, (_, i) => `w:${i.toString(36)}`);
		words.forEach((w, i) => expect(table.add(hashOf(w).a, hashOf(w).b, i)).toBe(i));
		// Adding again keeps the first value.
		expect(table.add(hashOf('w:0').a, hashOf('w:0').b, 99)).toBe(0);
		words.forEach((w, i) => expect(table.get(hashOf(w).a, hashOf(w).b)).toBe(i));
		expect(table.get(hashOf('w:absent').a, hashOf('w:absent').b)).toBe(-1);
		expect(table.size).toBe(5000);
	});

	it('empties a scratch set by epoch', () => {
		const set = new ScratchSet();
		set.reset(4);
		expect(set.add(1, 2)).toBe(true);
		expect(set.add(1, 2)).toBe(false);
		expect(set.add(1, 3)).toBe(true);
		set.reset(4);
		expect(set.add(1, 2)).toBe(true);
		set.reset(1000);
		for (let i = 0; i < 1000; i++) expect(set.add(i, -i)).toBe(true);
		for (let i = 0; i < 1000; i++) expect(set.add(i, -i)).toBe(false);
	});
});
