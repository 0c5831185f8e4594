import fs from 'node:fs';
import { compileScenario, type CompiledScenario } from '../scenario.machine';
import type { GuardAssessment } from '../guards';
import { loadScenario } from '../load';

export const criticalIds = [
	'blame_shift',
	'ask_customer_to_decide',
	'brush_off',
	'disrespect',
	'unauthorized_promise'
];

/** A hand-built assessment: the dimensions shown (1) and the violations present. */
export function reply(
	shown: string[] = [],
	violations: string[] = [],
	score?: number
): GuardAssessment {
	const all = [
		'greeting',
		'listening',
		'empathy',
		'apology',
		'solution',
		'commitment',
		'compliance'
	];
	return {
		score: score ?? Math.round((100 * shown.length) / all.length),
		dimensions: Object.fromEntries(all.map((d) => [d, shown.includes(d) ? 1 : 0])),
		violations: violations.map((id) => ({
			id,
			severity: criticalIds.includes(id) ? 'critical' : 'minor'
		}))
	};
}

export function compileFile(file: string): CompiledScenario {
	const loaded = loadScenario(file, fs.readFileSync(file, 'utf8'));
	if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
	return compileScenario(loaded.scenario);
}
