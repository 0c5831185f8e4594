import { describe, expect, it } from 'vitest';
import { isCrossOrigin, isOwnOrigin } from './origin-check';

const own = 'http://localhost:3000';

function request(method: string, headers: Record<string, string>) {
	return new Request('http://localhost:3000/login', { method, headers });
}

describe('isOwnOrigin', () => {
	it.each([
		['http://localhost:3000', own],
		['http://127.0.0.1:3000', own],
		['http://[::1]:3000', own],
		['http://localhost:3000', 'http://127.0.0.1:3000'],
		['http://127.0.0.1', 'http://localhost'],
		['https://drill.example', 'https://drill.example']
	])('accepts %s for a server at %s', (from, server) => {
		expect(isOwnOrigin(from, server)).toBe(true);
	});

	it.each([
		['https://evil.example', own],
		['http://127.0.0.1:3001', own],
		['https://127.0.0.1:3000', own],
		['http://127.0.0.2:3000', own],
		['http://0.0.0.0:3000', own],
		['http://localhost.evil.example:3000', own],
		['null', own],
		['', own],
		['http://127.0.0.1:3000/', own],
		// Loopback names are interchangeable only for a loopback server.
		['http://127.0.0.1', 'https://drill.example'],
		['http://localhost:3000', 'http://drill.example:3000'],
		['https://www.drill.example', 'https://drill.example']
	])('refuses %j for a server at %s', (from, server) => {
		expect(isOwnOrigin(from, server)).toBe(false);
	});
});

describe('isCrossOrigin', () => {
	it('refuses a form post from another site, or with no Origin at all', () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		expect(isCrossOrigin(request('POST', { ...form, origin: 'https://evil.example' }), own)).toBe(
			true
		);
		expect(isCrossOrigin(request('POST', form), own)).toBe(true);
		expect(
			isCrossOrigin(request('POST', { 'content-type': 'multipart/form-data; boundary=x' }), own)
		).toBe(true);
		expect(isCrossOrigin(request('PUT', { 'content-type': 'TEXT/PLAIN;charset=utf-8' }), own)).toBe(
			true
		);
	});

	it('refuses any unsafe request that names another origin, JSON included', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const json = { 'content-type': 'application/json', origin: 'https://evil.example' };
			expect(isCrossOrigin(request(method, json), own)).toBe(true);
		}
	});

	it('lets through our own forms, the loopback aliases, scripts without Origin and safe methods', () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		expect(isCrossOrigin(request('POST', { ...form, origin: own }), own)).toBe(false);
		expect(isCrossOrigin(request('POST', { ...form, origin: 'http://127.0.0.1:3000' }), own)).toBe(
			false
		);
		expect(isCrossOrigin(request('POST', { 'content-type': 'application/json' }), own)).toBe(false);
		expect(isCrossOrigin(request('GET', { origin: 'https://evil.example' }), own)).toBe(false);
		expect(isCrossOrigin(request('OPTIONS', { origin: 'https://evil.example' }), own)).toBe(false);
	});
});
