import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../engine/source';
import { checkScenarioSource } from '../engine/scenario/check';
import {
	type CompiledScenario,
	type OutcomePath,
	type ReferencePlay,
	type RubricIds
} from '../engine/scenario';

export type CheckedScenario = {
	file: string;
	source: string;
	compiled: CompiledScenario;
	paths: OutcomePath[];
	/** The reference replies played in order, per language (filled in by the content check). */
	plays?: ReferencePlay[];
};
export type ScenarioCheck = { scenarios: CheckedScenario[]; problems: Problem[] };

export const SCENARIO_DIR = 'scenarios';

/** Every scenario file of a folder (not its subfolders), sorted by name. */
export function scenarioFiles(dir = SCENARIO_DIR): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
		.map((e) => path.join(dir, e.name))
		.sort();
}

/** A scenario source to check: where it comes from (a file, or a studio draft) and its text. */
export type ScenarioSource = { file: string; text: string };

/** Loads, compiles and lints scenario files; problems from all of them, each located. */
export function checkScenarios(
	files: string[],
	rubrics: (key: string) => RubricIds | undefined = () => undefined
): ScenarioCheck {
	return checkScenarioSources(
		files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
		rubrics
	);
}

/** Loads, compiles and lints scenario sources, from files or written in the studio alike. */
export function checkScenarioSources(
	sources: ScenarioSource[],
	rubrics: (key: string) => RubricIds | undefined = () => undefined
): ScenarioCheck {
	const problems: Problem[] = [];
	const scenarios: CheckedScenario[] = [];
	const keys = new Map<string, string>();
	for (const { file, text } of sources) {
		const checked = checkScenarioSource(file, text, rubrics);
		problems.push(...checked.problems);
		if (!checked.compiled) continue;
		const { key } = checked.compiled.scenario;
		const earlier = keys.get(key);
		if (earlier)
			problems.push(
				checked.source.problemAt(['key'], `duplicate scenario key "${key}" (also in ${earlier})`)
			);
		keys.set(key, file);
		scenarios.push({ file, source: text, compiled: checked.compiled, paths: checked.paths });
	}
	return { scenarios, problems };
}
