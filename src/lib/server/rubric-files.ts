import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, SourceFile, type Problem } from '../engine/source';
import { loadRubric, type CompiledRubric } from '../engine/scoring';

export const RUBRIC_DIR = 'scenarios/rubrics';
export const DEFAULT_RUBRIC = 'complaint-handling';

export type CheckedRubric = {
	file: string;
	source: string;
	rubric: CompiledRubric;
	/** The learned detectors beside it (`<name>.model.json`), when there is a file. */
	model: { file: string; text: string } | null;
};

/** Where a rubric's model file lives: beside it, named after it. */
export const modelFileOf = (file: string) => file.replace(/\.ya?ml$/, '.model.json');

export function rubricFiles(dir = RUBRIC_DIR): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
		.map((e) => path.join(dir, e.name))
		.sort();
}

/** Loads and compiles rubric files; problems from all of them, each located. */
export function checkRubrics(files = rubricFiles()): {
	rubrics: CheckedRubric[];
	problems: Problem[];
} {
	const rubrics: CheckedRubric[] = [];
	const problems: Problem[] = [];
	const keys = new Map<string, string>();
	for (const file of files) {
		const source = fs.readFileSync(file, 'utf8');
		const modelPath = modelFileOf(file);
		const model = fs.existsSync(modelPath)
			? { file: modelPath, text: fs.readFileSync(modelPath, 'utf8') }
			: null;
		const loaded = loadRubric(file, source, model ?? undefined);
		if (!loaded.ok) {
			problems.push(...loaded.problems);
			continue;
		}
		// A model that cannot be used is a problem of the files (retrain it); at run time the
		// server falls back to the rules with a warning instead.
		problems.push(...loaded.warnings);
		const earlier = keys.get(loaded.rubric.key);
		if (earlier) {
			const message = `duplicate rubric key "${loaded.rubric.key}" (also in ${earlier})`;
			problems.push(new SourceFile(file, source).problemAt(['key'], message));
		}
		keys.set(loaded.rubric.key, file);
		rubrics.push({
			file,
			source,
			rubric: loaded.rubric,
			model: loaded.warnings.length ? null : model
		});
	}
	return { rubrics, problems };
}

let cache: Map<string, CompiledRubric> | undefined;

/** The rubric files of the project, compiled once per process; throws when one has a problem. */
export function projectRubric(key = DEFAULT_RUBRIC): CompiledRubric {
	if (!cache) {
		const { rubrics, problems } = checkRubrics();
		if (problems.length > 0)
			throw new Error(`rubric files have problems:\n${problems.map(formatProblem).join('\n')}`);
		cache = new Map(rubrics.map((r) => [r.rubric.key, r.rubric]));
	}
	const rubric = cache.get(key);
	if (!rubric) throw new Error(`no rubric "${key}" in ${RUBRIC_DIR}`);
	return rubric;
}
