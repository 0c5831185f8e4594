import { describe, expect, it } from 'vitest';
import { checkContent } from './content';
import { playSkilled } from './skilled-play';

// Replies a skilled agent wrote apart from the project (tests/fixtures/scoring/skilled.json),
// played through every scenario in both languages: good handling must win.
describe('skilled play', () => {
	it('resolves every scenario in both languages, at a median attempt score of 85 or more', () => {
		const checked = checkContent();
		const plays = playSkilled(
			checked.scenarios.map((s) => s.compiled),
			checked.rubrics[0].rubric
		);
		expect(plays).toHaveLength(16);
		expect(plays.filter((p) => p.outcome !== 'resolved')).toEqual([]);
		const scores = plays.map((p) => p.score).sort((a, b) => a - b);
		expect(scores[Math.floor(scores.length / 2)]).toBeGreaterThanOrEqual(85);
	});
});
