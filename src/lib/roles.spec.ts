import { describe, expect, it } from 'vitest';
import { canOpen, homeFor, sectionsFor } from './roles';

describe('sections by role', () => {
	it('gives each role its own navigation and home', () => {
		expect(sectionsFor('trainee')).toEqual(['practice', 'scorecards', 'criteria']);
		expect(sectionsFor('trainer')).toEqual([
			'practice',
			'scenarios',
			'criteria',
			'calibration',
			'assignments'
		]);
		expect(sectionsFor('supervisor')).toEqual([
			'scorecards',
			'criteria',
			'reviews',
			'calibration',
			'assignments'
		]);
		expect(sectionsFor('admin')).toEqual([
			'scenarios',
			'scorecards',
			'criteria',
			'reviews',
			'calibration',
			'assignments',
			'admin'
		]);
		expect(homeFor('supervisor')).toBe('/scorecards');
		expect(canOpen('trainee', 'admin')).toBe(false);
	});
});
