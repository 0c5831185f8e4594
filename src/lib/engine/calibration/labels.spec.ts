import { describe, expect, it } from 'vitest';
import {
	binary,
	binaryOf,
	criterionKey,
	emptyLabels,
	labelOf,
	parseCriterionKey,
	setLabel,
	type Criterion
} from './labels';

describe('labels', () => {
	it('turn dimensions into yes/no, leaving "not needed" out', () => {
		expect(binary('dimension', 'shown')).toBe(true);
		expect(binary('dimension', 'not_shown')).toBe(false);
		expect(binary('dimension', 'not_needed')).toBeNull();
		expect(binary('dimension', undefined)).toBeNull();
	});

	it('take a violation as its own yes/no', () => {
		expect(binary('violation', true)).toBe(true);
		expect(binary('violation', false)).toBe(false);
		expect(binary('violation', undefined)).toBeNull();
		expect(binary('violation', 'shown')).toBeNull();
	});

	it('have a stable string form for criteria', () => {
		const empathy: Criterion = { kind: 'dimension', id: 'empathy' };
		expect(criterionKey(empathy)).toBe('dimension:empathy');
		expect(criterionKey({ kind: 'violation', id: 'disrespect' })).toBe('violation:disrespect');
		expect(parseCriterionKey('dimension:empathy')).toEqual(empathy);
		expect(parseCriterionKey('violation:a:b')).toEqual({ kind: 'violation', id: 'a:b' });
		expect(parseCriterionKey('rule:x')).toBeNull();
		expect(parseCriterionKey('dimension:')).toBeNull();
		expect(parseCriterionKey('empathy')).toBeNull();
	});

	it('read and write labels by criterion, ignoring values of the wrong kind', () => {
		const labels = emptyLabels();
		const empathy: Criterion = { kind: 'dimension', id: 'empathy' };
		const blame: Criterion = { kind: 'violation', id: 'blame' };
		setLabel(labels, empathy, 'not_needed');
		setLabel(labels, blame, false);
		setLabel(labels, blame, 'shown');
		expect(labels).toEqual({ dimensions: { empathy: 'not_needed' }, violations: { blame: false } });
		expect(labelOf(labels, { kind: 'dimension', id: 'toString' })).toBeUndefined();
		expect(binaryOf(labels, empathy)).toBeNull();
		expect(binaryOf(labels, blame)).toBe(false);
	});
});
