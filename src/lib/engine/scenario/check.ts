/**
 * One scenario source checked the way `scenarios:check` checks a file: loaded against the ids of
 * the rubric it names, compiled and linted, every problem located. Pure, so the studio runs the
 * very same checks in the browser as the trainer types.
 */
import { SourceFile, type Problem } from '../source';
import { lintScenario, type OutcomePath } from './lint';
import { loadScenario, type RubricIds } from './load';
import { compileScenario, type CompiledScenario } from './scenario.machine';

export type SourceCheck = {
	source: SourceFile;
	problems: Problem[];
	/** The compiled scenario when it loaded (it may still have lint problems). */
	compiled: CompiledScenario | null;
	paths: OutcomePath[];
};

export function checkScenarioSource(
	file: string,
	text: string,
	rubrics: (key: string) => RubricIds | undefined = () => undefined
): SourceCheck {
	const source = new SourceFile(file, text);
	const rubricKey = source.doc.get('rubric');
	const ids = typeof rubricKey === 'string' ? rubrics(rubricKey) : undefined;
	const loaded = loadScenario(file, text, ids);
	if (!loaded.ok) return { source, problems: loaded.problems, compiled: null, paths: [] };
	const compiled = compileScenario(loaded.scenario);
	const report = lintScenario(compiled, ids);
	const problems = report.problems.map((p) => source.problemAt(p.path, p.message));
	return { source, problems, compiled, paths: report.paths };
}

/** The line where a state's key is written, for moving the cursor to it. */
export function stateLine(source: SourceFile, stateId: string): number {
	return source.problemAt(['states', stateId], '', { atKey: true }).line;
}
