import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubric, rubricIds } from '../scoring';
import { formatProblem } from '../source';
import { criterionNames, describeGuard, scenarioGraph, shortestPaths } from './graph';
import { loadScenario } from './load';

const rubricFile = 'scenarios/rubrics/complaint-handling.yaml';
const rubricLoad = loadRubric(rubricFile, fs.readFileSync(rubricFile, 'utf8'));
if (!rubricLoad.ok) throw new Error(rubricLoad.problems.map(formatProblem).join('\n'));
const rubric = rubricLoad.rubric;
const names = criterionNames(rubric.doc);

function graphOf(file: string) {
	const loaded = loadScenario(file, fs.readFileSync(file, 'utf8'), rubricIds(rubric));
	if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
	return { scenario: loaded.scenario, graph: scenarioGraph(loaded.scenario, names) };
}

describe('scenario graph', () => {
	it('has a node per state, an edge per transition, the start first and endings marked', () => {
		const { scenario, graph } = graphOf('scenarios/disputed-fee.yaml');
		expect(graph.nodes.map((n) => n.id).sort()).toEqual(Object.keys(scenario.states).sort());
		expect(graph.nodes[0]).toMatchObject({ id: scenario.start, kind: 'start' });
		const transitions = Object.values(scenario.states).reduce(
			(n, s) => n + (s.final ? 0 : s.on.length),
			0
		);
		expect(graph.edges).toHaveLength(transitions);
		for (const node of graph.nodes.filter((n) => n.kind === 'outcome'))
			expect(node.outcome).not.toBeNull();
		for (const e of graph.edges) {
			expect(e.label.en).toMatch(/^(if |otherwise$)/);
			expect(e.label.zh).toMatch(/^(如果|其他情况$)/);
			// Words, not ids: no snake_case criterion id leaks into a label.
			expect(e.label.en).not.toMatch(/[a-z]+_[a-z]+/);
		}
	});

	it('says guards in plain words in both languages', () => {
		const heard = describeGuard(
			{
				type: 'any',
				of: [
					{ type: 'dimension', id: 'listening', atLeast: 0.5 },
					{ type: 'dimension', id: 'empathy', atLeast: 0.5 }
				]
			},
			names
		);
		const listening = names.dimension('listening')!;
		const empathy = names.dimension('empathy')!;
		expect(heard.en).toBe(`the reply shows “${listening.en}” or the reply shows “${empathy.en}”`);
		expect(heard.zh).toBe(`回复做到了“${listening.zh}”，或回复做到了“${empathy.zh}”`);
		const owns = describeGuard(
			{
				type: 'not',
				guard: {
					type: 'any',
					of: [
						{ type: 'violation', id: 'blame_shift' },
						{ type: 'violation', id: 'brush_off' }
					]
				}
			},
			names
		);
		expect(owns.en).toContain('neither');
		expect(owns.zh).toContain('既没有');
		expect(describeGuard({ type: 'score', atLeast: 40, atMost: 70 }, names).en).toBe(
			'the reply scores between 40 and 70'
		);
	});

	it('finds the fewest transitions to every reachable ending', () => {
		const { graph } = graphOf('scenarios/disputed-fee.yaml');
		const paths = shortestPaths(graph);
		expect(paths.length).toBeGreaterThan(1);
		const edges = new Map(graph.edges.map((e) => [e.id, e]));
		for (const p of paths) {
			// A chain from the start to the ending.
			let at = graph.start;
			for (const id of p.edges) {
				expect(edges.get(id)!.from).toBe(at);
				at = edges.get(id)!.to;
			}
			expect(at).toBe(p.state);
		}
		const resolved = paths.find((p) => p.outcome === 'resolved')!;
		expect(resolved.edges.length).toBeGreaterThanOrEqual(2);
	});
});
