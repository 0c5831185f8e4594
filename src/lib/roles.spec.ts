import { describe, expect, it } from 'vitest';
import { canOpen, homeFor, sectionsFor } from './roles';

describe('sections by role', () => {
	it('gives each role its own navigation and home', () => {
		expect(sectionsFor('trainee')).toEqual(['practice', 'scorecards', 'criteria']);
		expect(sectionsFor('trainer')).toEqual(['practice', 'scenarios', 'criteria']);
		expect(sectionsFor('supervisor')).toEqual(['scorecards', 'criteria']);
		expect(sectionsFor('admin')).toEqual(['scenarios', 'scorecards', 'criteria', 'admin']);
		expect(homeFor('supervisor')).toBe('/scorecards');
		expect(canOpen('trainee', 'admin')).toBe(false);
	});
});
