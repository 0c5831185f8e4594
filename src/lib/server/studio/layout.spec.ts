import { beforeAll, describe, expect, it } from 'vitest';
import { layoutKey } from '../../components/graph/layout';
import { m } from '../../paraglide/messages';
import type { SessionUser } from '../auth';
import * as content from '../content';
import { parseInput } from '../forms';
import { asSession, makeUser } from '../testing/factories';
import * as studio from '.';
import { MAX_SOURCE } from './forms';
import { MAX_NODES, layoutDraft, layoutRequest } from './layout';
import { templateSource } from './templates';

let trainer: SessionUser;
let admin: SessionUser;
let trainee: SessionUser;
let supervisor: SessionUser;
let draftId: number;
const source = templateSource('billing-error');

beforeAll(async () => {
	content.importFiles();
	trainer = asSession(await makeUser('trainer'));
	admin = asSession(await makeUser('admin'));
	trainee = asSession(await makeUser('trainee'));
	supervisor = asSession(await makeUser('supervisor'));
	draftId = studio.create(trainer, { kind: 'template', template: 'billing-error' }).id;
});

const refusal = async (run: () => Promise<unknown>) => {
	try {
		await run();
	} catch (e) {
		if (e instanceof studio.StudioRefused) return e.reason;
		throw e;
	}
	throw new Error('expected a refusal');
};

describe('layoutDraft', () => {
	it('lays out the graph of the source as typed, in the language asked for', async () => {
		const edited = source
			.replace('  hung_up:\n', '  gave_up:\n')
			.replaceAll('to: hung_up', 'to: gave_up');
		const result = await layoutDraft(trainer, draftId, edited, 'zh-CN');
		if (!result.ok) throw new Error(`not laid out: ${result.reason}`);
		const ids = result.graph.nodes.map((n) => n.id);
		expect(ids).toContain('gave_up');
		expect(ids).not.toContain('hung_up');
		expect(result.layout.key).toBe(layoutKey(result.graph, 'zh-CN'));
		expect(Object.keys(result.layout.nodes).sort()).toEqual([...ids].sort());
		expect(Object.keys(result.layout.edges).sort()).toEqual(
			result.graph.edges.map((e) => e.id).sort()
		);
		expect(result.layout.width).toBeGreaterThan(0);
		// An admin may draw any draft too; the English layout is a different one.
		const english = await layoutDraft(admin, draftId, edited, 'en');
		expect(english.ok && english.layout.key).toBe(layoutKey(result.graph, 'en'));
	});

	it('refuses those who may not edit drafts, and drafts that do not exist or were discarded', async () => {
		expect(await refusal(() => layoutDraft(trainee, draftId, source, 'en'))).toBe('not_allowed');
		expect(await refusal(() => layoutDraft(supervisor, draftId, source, 'en'))).toBe('not_allowed');
		expect(await refusal(() => layoutDraft(trainer, 999_999, source, 'en'))).toBe('not_found');
		const gone = studio.create(trainer, { kind: 'blank' });
		studio.discard(trainer, gone.id);
		expect(await refusal(() => layoutDraft(trainer, gone.id, source, 'en'))).toBe('discarded');
	});

	it('draws nothing for a source that does not load, or a graph too large to follow', async () => {
		expect(await layoutDraft(trainer, draftId, 'key: [unclosed', 'en')).toEqual({
			ok: false,
			reason: 'unreadable'
		});
		const extra = Array.from(
			{ length: MAX_NODES },
			(_, i) => `  extra_${i}:\n    outcome: resolved\n    text: { zh: 结束, en: Done }\n`
		).join('');
		expect(await layoutDraft(trainer, draftId, `${source.trimEnd()}\n${extra}`, 'en')).toEqual({
			ok: false,
			reason: 'too_large'
		});
	});
});

describe('layoutRequest', () => {
	it('takes a source within the studio limit, refusing others in the reader language', () => {
		expect(parseInput(layoutRequest, { source })).toEqual({ ok: true, data: { source } });
		expect(parseInput(layoutRequest, {})).toEqual({
			ok: false,
			errors: { source: m.error_required() }
		});
		expect(parseInput(layoutRequest, { source: '' })).toEqual({
			ok: false,
			errors: { source: m.studio_source_required() }
		});
		expect(parseInput(layoutRequest, { source: 42 })).toMatchObject({ ok: false });
		const long = parseInput(layoutRequest, { source: 'x'.repeat(MAX_SOURCE + 1) });
		expect(long).toEqual({
			ok: false,
			errors: { source: m.studio_source_too_long({ max: MAX_SOURCE }) }
		});
	});
});
