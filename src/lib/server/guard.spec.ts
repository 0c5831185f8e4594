import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeRedirectTarget } from './guard';

const origin = 'http://localhost:3000';

describe('safeRedirectTarget', () => {
	it.each([
		['/practice', '/practice'],
		['/scorecards/1?month=2026-03#entry-4', '/scorecards/1?month=2026-03#entry-4'],
		['/criteria/R-01', '/criteria/R-01'],
		['http://localhost:3000/account?tab=1', '/account?tab=1'],
		['/a/../criteria', '/criteria'],
		['/%2F/evil.example', '/%2F/evil.example'],
		['/%5Cevil.example', '/%5Cevil.example'],
		['/x\r\nSet-Cookie: a=b', '/xSet-Cookie:%20a=b']
	])('keeps the same-site target %j as %j', (target, expected) => {
		expect(safeRedirectTarget(target, origin)).toBe(expected);
	});

	it.each([
		'/\t/127.0.0.2:5699/',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'\\/evil.example',
		'/.//evil.example',
		'/a/../..//evil.example',
		'https://evil.example/practice',
		'http://localhost:3001/practice',
		'https://localhost:3000/practice',
		'http://127.0.0.1:3000/practice',
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'mailto:someone@example.com',
		'http://[',
		'',
		null,
		undefined
	])('refuses %j', (target) => {
		expect(safeRedirectTarget(target, origin)).toBeNull();
	});

	it('whatever it is given, answers null or a path the browser resolves to our origin', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc
						.array(fc.constantFrom('/', '\\', '\t', '\n', '.', '%2F', 'evil.example', ':', '@'))
						.map((parts) => parts.join(''))
				),
				(target) => {
					const result = safeRedirectTarget(target, origin);
					if (result === null) return;
					expect(result).toMatch(/^\/(?![/\\])/);
					expect([...result].every((c) => c > ' ' && c !== '\u007f')).toBe(true);
					expect(new URL(result, 'https://elsewhere.example').origin).toBe(
						'https://elsewhere.example'
					);
				}
			)
		);
	});
});
