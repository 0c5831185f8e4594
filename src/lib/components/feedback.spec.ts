import { describe, expect, it } from 'vitest';
import type { ReadableAssessment } from '$lib/engine/scoring/readable';
import { evidenceOf } from './feedback';

const reason = (en: string) => ({ en, zh: en });

describe('evidence as a person reads it', () => {
	it('numbers spans in reply order, one line per span, and marks possible problems apart', () => {
		const a: ReadableAssessment = {
			score: 60,
			structure: 'sentences',
			tip: null,
			dimensions: {
				apology: {
					score: 1,
					expected: true,
					evidence: [{ start: 0, end: 5, text: 'Sorry', reason: reason('apologised') }]
				},
				solution: { score: 0, expected: true, evidence: [] }
			},
			violations: [
				{
					id: 'blame_shift',
					severity: 'critical',
					uncertain: true,
					resembles: 'It is the warehouse, not us.',
					evidence: [
						{
							start: 20,
							end: 29,
							text: 'warehouse',
							reason: reason('pushed it away')
						}
					]
				},
				{
					id: 'slang',
					severity: 'minor',
					uncertain: false,
					resembles: null,
					evidence: [{ start: 7, end: 11, text: 'like', reason: reason('used fillers') }]
				}
			]
		};
		expect(evidenceOf(a).map((e) => [e.number, e.text, e.bad, e.unsure])).toEqual([
			[1, 'Sorry', false, false],
			[2, 'like', true, false],
			[3, 'warehouse', false, true]
		]);
	});
});
