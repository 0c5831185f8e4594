import { loadRubric, type CompiledRubric } from '../../engine/scoring';
import { rebindModel } from '../../engine/scoring/learned/rebind';
import type { RubricVersion } from '../db/schema';
import { logger } from '../logger';
import { formatProblem } from '../../engine/source';

/**
 * What a published draft does with the learned model: `kept` when the base version's model loads
 * for the base and for the changed rubric (bound to it, see `rebindModel`), `none` when the base
 * version had none, `dropped` when it could not be kept (the rules then score alone).
 */
export type ModelOutcome = 'kept' | 'none' | 'dropped';

export type Compiled = {
	rubric: CompiledRubric;
	model: { file: string; text: string } | null;
	outcome: ModelOutcome;
};

const baseCache = new Map<number, CompiledRubric>();

/** A published version compiled with its model, once per process. */
export function compiledVersion(row: RubricVersion): CompiledRubric {
	let rubric = baseCache.get(row.id);
	if (!rubric) {
		const model = row.model && row.modelFile ? { file: row.modelFile, text: row.model } : undefined;
		const loaded = loadRubric(row.sourceFile, row.source, model);
		if (!loaded.ok) throw new Error(`rubric version ${row.id} no longer loads`);
		rubric = loaded.rubric;
		baseCache.set(row.id, rubric);
	}
	return rubric;
}

/** The changed rubric of a draft, compiled with the base version's model when it stays valid. */
export function compileDraft(base: RubricVersion, source: string): Compiled {
	const bare = () => {
		const loaded = loadRubric(base.sourceFile, source);
		if (!loaded.ok) throw new Error('a checked draft no longer loads');
		return loaded.rubric;
	};
	if (!base.model || !base.modelFile) return { rubric: bare(), model: null, outcome: 'none' };
	const rebound = rebindModel(
		{ file: base.modelFile, text: base.model },
		{
			text: base.source,
			key: base.key,
			violations: base.document.violations.map((v) => v.id)
		},
		source
	);
	const model = rebound.ok ? { file: base.modelFile, text: rebound.text } : null;
	const loaded = model ? loadRubric(base.sourceFile, source, model) : null;
	if (model && loaded?.ok && loaded.warnings.length === 0)
		return { rubric: loaded.rubric, model, outcome: 'kept' };
	const problems = rebound.ok ? (loaded?.ok ? loaded.warnings : []) : rebound.problems;
	logger.warn(
		{ rubricVersion: base.id, problems: problems.map(formatProblem) },
		'rubric draft: the base model cannot be kept, the rules score alone'
	);
	return { rubric: bare(), model: null, outcome: 'dropped' };
}
