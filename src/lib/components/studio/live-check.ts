/**
 * The checks the editor runs in the browser as the trainer types (loaded lazily with the editor):
 * the engine's own load and lint, and the graph of the last source that loaded.
 */
import { checkScenarioSource, stateLine } from '$lib/engine/scenario/check';
import { criterionNames, scenarioGraph, type ScenarioGraph } from '$lib/engine/scenario/graph';
import type { RubricIds } from '$lib/engine/scenario/load';
import type { Bilingual } from '$lib/engine/scenario/schema';
import type { Problem } from '$lib/engine/source';

export type RubricInfo = {
	key: string;
	ids: RubricIds;
	dimensions: { id: string; title: Bilingual }[];
	violations: { id: string; title: Bilingual }[];
};

export type LiveResult = {
	problems: Problem[];
	/** The graph when the source loaded (lint problems or not), else null. */
	graph: ScenarioGraph | null;
	/** Where each state's key is written (1-based lines). */
	lines: Record<string, number>;
};

export function liveCheck(text: string, rubrics: RubricInfo[]): LiveResult {
	const byKey = new Map(rubrics.map((r) => [r.key, r]));
	const checked = checkScenarioSource('draft', text, (key) => byKey.get(key)?.ids);
	if (!checked.compiled) return { problems: checked.problems, graph: null, lines: {} };
	const { scenario } = checked.compiled;
	const rubric = byKey.get(scenario.rubric);
	const problems = rubric
		? checked.problems
		: [
				...checked.problems,
				checked.source.problemAt(['rubric'], `no published rubric "${scenario.rubric}"`)
			];
	const graph = scenarioGraph(
		scenario,
		criterionNames(rubric ?? { dimensions: [], violations: [] })
	);
	const lines = Object.fromEntries(
		Object.keys(scenario.states).map((id) => [id, stateLine(checked.source, id)])
	);
	return { problems, graph, lines };
}
