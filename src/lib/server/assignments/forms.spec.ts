import { describe, expect, it } from 'vitest';
import { parseInput } from '../forms';
import { createBodySchema, createFormInput, createFormSchema, parseDue } from './forms';

describe('due dates', () => {
	it('reads a datetime-local on the company clock, a moment with its offset as it is, a day at its end', () => {
		expect(parseDue('2026-12-10T18:00', 'Asia/Shanghai')?.toISOString()).toBe(
			'2026-12-10T10:00:00.000Z'
		);
		expect(parseDue('2026-12-10T18:00:00Z', 'Asia/Shanghai')?.toISOString()).toBe(
			'2026-12-10T18:00:00.000Z'
		);
		expect(parseDue('2026-12-10T18:00:00-05:00', 'Asia/Shanghai')?.toISOString()).toBe(
			'2026-12-10T23:00:00.000Z'
		);
		expect(parseDue('2026-12-10', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-10T15:59:59.999Z');
		for (const bad of ['2026-02-30', '2026-12-10T25:00', 'tomorrow', '', '2026-12-10 18:00'])
			expect(parseDue(bad, 'Asia/Shanghai')).toBeNull();
	});
});

describe('the API body', () => {
	const ok = {
		scenario: 'rude-call',
		userIds: [3, 3, 4],
		mode: 'practice',
		dueAt: '2099-01-01T10:00:00Z'
	};

	it('takes a key or a key and version, people (once each) or a team', () => {
		const parsed = parseInput(createBodySchema, ok);
		expect(parsed).toMatchObject({
			ok: true,
			data: {
				scenario: { key: 'rude-call', version: null },
				target: { userIds: [3, 4] },
				note: null
			}
		});
		expect(
			parseInput(createBodySchema, {
				...ok,
				userIds: undefined,
				teamId: 2,
				scenario: { key: 'rude-call', version: 1 }
			})
		).toMatchObject({ ok: true, data: { scenario: { version: 1 }, target: { teamId: 2 } } });
	});

	it('names each problem by its field', () => {
		const parsed = parseInput(createBodySchema, {
			...ok,
			teamId: 1,
			mode: 'exam',
			dueAt: 'soon',
			note: 'x'.repeat(501)
		});
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.errors).sort()).toEqual(['dueAt', 'mode', 'note', 'userIds']);
		const both = parseInput(createBodySchema, { ...ok, teamId: 1 });
		expect(both.ok ? [] : Object.keys(both.errors)).toEqual(['userIds']);
		const none = parseInput(createBodySchema, { ...ok, userIds: undefined });
		expect(none.ok ? [] : Object.keys(none.errors)).toEqual(['userIds']);
		const junk = parseInput(createBodySchema, { ...ok, userIds: ['1'] });
		expect(junk.ok ? [] : Object.keys(junk.errors)).toEqual(['userIds.0']);
	});
});

describe('the form', () => {
	const form = (fields: [string, string][]) => {
		const data = new FormData();
		for (const [k, v] of fields) data.append(k, v);
		return createFormInput(data);
	};

	it('reads several people, or a team, and an empty version as the newest', () => {
		const people = parseInput(
			createFormSchema,
			form([
				['scenario', 'rude-call'],
				['version', ''],
				['target', 'people'],
				['userIds', '3'],
				['userIds', '5'],
				['teamId', '9'],
				['mode', 'certification'],
				['dueAt', '2099-01-01T10:00'],
				['note', '  ']
			])
		);
		expect(people).toMatchObject({
			ok: true,
			data: { scenario: { version: null }, target: { userIds: [3, 5] }, note: null }
		});
		const team = parseInput(
			createFormSchema,
			form([
				['scenario', 'rude-call'],
				['version', '2'],
				['target', 'team'],
				['teamId', '9'],
				['mode', 'practice'],
				['dueAt', '2099-01-01T10:00']
			])
		);
		expect(team).toMatchObject({
			ok: true,
			data: { scenario: { version: 2 }, target: { teamId: 9 } }
		});
	});

	it('asks for people when none are chosen, and for a team when none is', () => {
		const base: [string, string][] = [
			['scenario', 'rude-call'],
			['mode', 'practice'],
			['dueAt', '2099-01-01T10:00']
		];
		const people = parseInput(createFormSchema, form([...base, ['target', 'people']]));
		expect(people.ok ? [] : Object.keys(people.errors)).toEqual(['userIds']);
		const team = parseInput(createFormSchema, form([...base, ['target', 'team'], ['teamId', '']]));
		expect(team.ok ? [] : Object.keys(team.errors)).toEqual(['teamId']);
	});
});
