import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { ScenarioGraph } from '$lib/engine/scenario/graph';
import { layoutGraph, layoutKey, labelLines, LABEL_LINES } from './layout';
import { stateNames } from './names';

const elk = new ELK();
const text = (en: string, zh = en) => ({ en, zh });
const graph: ScenarioGraph = {
	start: 'a',
	nodes: [
		{ id: 'a', kind: 'start', outcome: null, text: text('Hello?') },
		{ id: 'b', kind: 'step', outcome: null, text: text('Well?') },
		{ id: 'won', kind: 'outcome', outcome: 'resolved', text: text('Done.') },
		{ id: 'lost', kind: 'outcome', outcome: 'customer_hung_up', text: text('Gone.') },
		{ id: 'lost2', kind: 'outcome', outcome: 'customer_hung_up', text: text('Gone again.') }
	],
	edges: [
		{
			id: 'a#0',
			from: 'a',
			to: 'b',
			order: 0,
			label: text('if the reply shows “Empathy”'),
			otherwise: false,
			best: true,
			mood: 10
		},
		{
			id: 'a#1',
			from: 'a',
			to: 'lost',
			order: 1,
			label: text('otherwise'),
			otherwise: true,
			best: false,
			mood: -10
		},
		{
			id: 'b#0',
			from: 'b',
			to: 'won',
			order: 0,
			label: text('otherwise'),
			otherwise: true,
			best: true,
			mood: 0
		},
		{
			id: 'b#1',
			from: 'b',
			to: 'b',
			order: 1,
			label: text('if it loops'),
			otherwise: false,
			best: false,
			mood: 0
		}
	]
};

describe('layoutGraph', () => {
	it('places every state and routes every transition with its label', async () => {
		const laid = await layoutGraph(elk, graph, 'en');
		expect(Object.keys(laid.nodes).sort()).toEqual(['a', 'b', 'lost', 'lost2', 'won']);
		expect(Object.keys(laid.edges).sort()).toEqual(['a#0', 'a#1', 'b#0', 'b#1']);
		for (const e of Object.values(laid.edges)) {
			expect(e.points.length).toBeGreaterThanOrEqual(2);
			expect(e.label).not.toBeNull();
		}
		// Layered downwards: the start above the state it leads to.
		expect(laid.nodes.a.y).toBeLessThan(laid.nodes.b.y);
		expect(laid.key).toBe(layoutKey(graph, 'en'));
	});

	it('does not fail on an empty graph or on one still being written', async () => {
		expect(await layoutGraph(elk, { start: 'x', nodes: [], edges: [] }, 'en')).toMatchObject({
			nodes: {},
			edges: {}
		});
		expect((await layoutGraph(elk, null, 'zh-CN')).nodes).toEqual({});
		const partial: ScenarioGraph = {
			...graph,
			nodes: [...graph.nodes, graph.nodes[0]],
			edges: [...graph.edges, { ...graph.edges[0], id: 'a#9', to: 'nowhere' }]
		};
		const laid = await layoutGraph(elk, partial, 'en');
		expect(Object.keys(laid.edges)).not.toContain('a#9');
		expect(Object.keys(laid.nodes)).toHaveLength(5);
	});

	it('keys a layout by shape and language, and caps a label at three lines', () => {
		expect(layoutKey(graph, 'en')).not.toBe(layoutKey(graph, 'zh-CN'));
		expect(layoutKey(graph, 'en')).not.toBe(layoutKey({ ...graph, edges: [] }, 'en'));
		expect(labelLines('otherwise')).toBe(1);
		expect(labelLines('if the reply shows '.repeat(20))).toBe(LABEL_LINES);
	});
});

describe('stateNames', () => {
	it('numbers the steps and names endings by how they end, numbering only repeats', () => {
		const names = stateNames(graph, 'en');
		expect([...names.values()]).toEqual([
			'State 1',
			'State 2',
			'Ending: Resolved',
			'Ending: Customer hung up (1)',
			'Ending: Customer hung up (2)'
		]);
		expect(stateNames(graph, 'zh-CN').get('won')).toMatch(/^结局：/);
	});
});
