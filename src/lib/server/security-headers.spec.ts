import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleSecurityHeaders } from './security-headers';

async function headersFor(origin: string, response = new Response('ok')) {
	const event = { url: new URL('/practice', origin) } as RequestEvent;
	const answered = await handleSecurityHeaders({ event, resolve: () => response });
	return answered.headers;
}

describe('security headers', () => {
	it('sends nosniff, the referrer and frame policies and keeps the microphone for our pages', async () => {
		const headers = await headersFor('http://localhost:3000');
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('permissions-policy')).toMatch(/(^|, )microphone=\(self\)/);
	});

	it('sends Strict-Transport-Security only over https', async () => {
		expect((await headersFor('http://localhost:3000')).has('strict-transport-security')).toBe(
			false
		);
		expect((await headersFor('https://drill.example')).get('strict-transport-security')).toMatch(
			/^max-age=\d{7,}/
		);
	});
});
