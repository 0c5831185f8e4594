import fs from 'node:fs';
import { compileScenario, type CompiledScenario } from '../scenario.machine';
import type { GuardAssessment } from '../guards';
import { loadScenario } from '../load';
import { loadRubric, rubricIds } from '../../scoring/rubric';

const RUBRIC_FILE = 'scenarios/rubrics/complaint-handling.yaml';
const rubric = loadRubric(RUBRIC_FILE, fs.readFileSync(RUBRIC_FILE, 'utf8'));
if (!rubric.ok) throw new Error(`${RUBRIC_FILE} does not load`);

/** The dimension and violation ids of the project's rubric, which scenario guards name. */
export const {
	dimensions: dimensionIds,
	violations: violationIds,
	critical: criticalIds
} = rubricIds(rubric.rubric);

/** A hand-built assessment: the dimensions shown (1) and the violations present. */
export function reply(
	shown: string[] = [],
	violations: string[] = [],
	score?: number
): GuardAssessment {
	return {
		score: score ?? Math.round((100 * shown.length) / dimensionIds.length),
		dimensions: Object.fromEntries(dimensionIds.map((d) => [d, shown.includes(d) ? 1 : 0])),
		violations: violations.map((id) => ({
			id,
			severity: criticalIds.includes(id) ? 'critical' : 'minor'
		}))
	};
}

/** Loads, validates and compiles a scenario's text; throws with the problems when it does not load. */
export function compileSource(file: string, text: string): CompiledScenario {
	const loaded = loadScenario(file, text);
	if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
	return compileScenario(loaded.scenario);
}

export function compileFile(file: string): CompiledScenario {
	return compileSource(file, fs.readFileSync(file, 'utf8'));
}
