import { describe, expect, it } from 'vitest';
import { backtrackingProblem } from './backtracking';

describe('backtrackingProblem', () => {
	it.each([
		[
			'^(a+)+$',
			/^catastrophic backtracking: the repetition a\+ is nested in \(a\+\)\+, so a reply of repeated "a" can take seconds; repeat the inner part only once$/
		],
		['(\\w+\\s?)+$', /the repetition \\w\+ is nested/],
		['(x+x+)+y', /the repetitions x\+ and x\+ can match the same text/],
		['(.*a){12}', /the repetition \.\* is nested in \(\.\*a\)\{12\}/],
		[
			'(a|a)*b',
			/the alternatives "a" and "a" of the repeated group \(a\|a\) can match the same text/
		],
		['^(\\w|\\d)+$', /the alternatives "\\w" and "\\d"/],
		['(?:您|你|您)+好', /the alternatives "您" and "您"/]
	])('refuses %s', (pattern, reason) => {
		expect(backtrackingProblem(pattern)).toMatch(reason);
	});

	it.each([
		'\\byou (?:feel|felt) (?:\\w+ )?(?:cheated|misled)\\b',
		'(?:^|[.!?]\\s+)your [\\w-]+(?: [\\w-]+){0,3} (?:was|were)\\b',
		'(?<![让给替为叫])您(?:今天|昨天)[^,.!?]{0,10}(?:了|过)',
		'爱([\\p{Script=Han}])不\\1',
		'(?:a|b)+c',
		'\\b(i|the|we)\\s+\\1\\b'
	])('accepts %s', (pattern) => {
		expect(backtrackingProblem(pattern)).toBeNull();
	});
});
