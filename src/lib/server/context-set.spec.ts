import { describe, expect, it } from 'vitest';
import { evaluateContextSet } from './context-set';
import { projectRubric } from './rubric-files';

// Gamed replies (keyword strings, insults with refunds) and replies that need their context
// (remedies the briefing allows, times with minutes, past dates), scored in their scenario state.
describe('the regression set of gamed and context replies', () => {
	it('holds every case', () => {
		const result = evaluateContextSet(projectRubric());
		expect(result.n).toBeGreaterThanOrEqual(50);
		expect(
			result.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.problems.join('; ')}`)
		).toEqual([]);
	});
});
