import { describe, expect, it } from 'vitest';
import { consensus, vote, type Answer } from './consensus';
import type { Criterion, DimensionLabel } from './labels';

const empathy: Criterion = { kind: 'dimension', id: 'empathy' };
const blame: Criterion = { kind: 'violation', id: 'blame' };
const rude: Criterion = { kind: 'violation', id: 'rude' };
const criteria = [empathy, blame, rude];
const OWNER = 1;

/** A grader's answer with the given labels. */
function answer(
	graderId: number,
	dimensions: Record<string, DimensionLabel>,
	violations: Record<string, boolean>
): Answer {
	return { graderId, labels: { dimensions, violations } };
}

describe('consensus', () => {
	it('takes the majority of the graders who answered', () => {
		const answers = [
			answer(1, { empathy: 'shown' }, { blame: true }),
			answer(2, { empathy: 'shown' }, { blame: false }),
			answer(3, { empathy: 'not_shown' }, { blame: false })
		];
		expect(consensus(answers, OWNER, criteria)).toEqual({
			labels: { dimensions: { empathy: 'shown' }, violations: { blame: false } },
			ties: []
		});
	});

	it("settles a tie with the owner's own answer", () => {
		const answers = [
			answer(OWNER, {}, { blame: true }),
			answer(2, {}, { blame: false }),
			answer(3, {}, {}),
			answer(4, {}, { blame: true }),
			answer(5, {}, { blame: false })
		];
		expect(vote(answers, OWNER, blame)).toEqual({ outcome: 'owner', value: true });
		expect(consensus(answers, OWNER, criteria)).toEqual({
			labels: { dimensions: {}, violations: { blame: true } },
			ties: []
		});
	});

	it('leaves a tie unsettled when the owner did not answer', () => {
		const answers = [answer(2, {}, { blame: true }), answer(3, {}, { blame: false })];
		expect(consensus(answers, OWNER, criteria)).toEqual({
			labels: { dimensions: {}, violations: {} },
			ties: ['violation:blame']
		});
	});

	it('leaves a tie unsettled when the owner answered the item but not that criterion', () => {
		const answers = [
			answer(OWNER, { empathy: 'shown' }, {}),
			answer(2, {}, { rude: true }),
			answer(3, {}, { rude: false })
		];
		expect(consensus(answers, OWNER, criteria)).toEqual({
			labels: { dimensions: { empathy: 'shown' }, violations: {} },
			ties: ['violation:rude']
		});
	});

	it('counts a dimension over its three values', () => {
		const threeWay = [
			answer(OWNER, { empathy: 'not_needed' }, {}),
			answer(2, { empathy: 'shown' }, {}),
			answer(3, { empathy: 'not_shown' }, {})
		];
		expect(consensus(threeWay, OWNER, [empathy]).labels.dimensions).toEqual({
			empathy: 'not_needed'
		});
		const notNeeded = [
			answer(2, { empathy: 'not_needed' }, {}),
			answer(3, { empathy: 'not_needed' }, {}),
			answer(4, { empathy: 'shown' }, {})
		];
		expect(consensus(notNeeded, OWNER, [empathy]).labels.dimensions).toEqual({
			empathy: 'not_needed'
		});
	});

	it("does not let the owner's minority answer settle a tie between others", () => {
		const answers = [
			answer(OWNER, { empathy: 'not_needed' }, {}),
			answer(2, { empathy: 'shown' }, {}),
			answer(3, { empathy: 'shown' }, {}),
			answer(4, { empathy: 'not_shown' }, {}),
			answer(5, { empathy: 'not_shown' }, {})
		];
		expect(vote(answers, OWNER, empathy)).toEqual({
			outcome: 'tie',
			tied: ['shown', 'not_shown']
		});
		expect(consensus(answers, OWNER, [empathy]).ties).toEqual(['dimension:empathy']);
	});

	it('leaves out criteria nobody answered, without calling them ties', () => {
		expect(consensus([], OWNER, criteria)).toEqual({
			labels: { dimensions: {}, violations: {} },
			ties: []
		});
	});
});
