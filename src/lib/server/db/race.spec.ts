import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as audit from '../audit';
import { getDb } from '.';

const run = promisify(execFile);
const writer = path.resolve('src/lib/server/testing/race-writer.ts');

/** Several processes appending to one audit chain at once, each write read-then-insert. */
async function race(processes: number, count: number, mode = '') {
	getDb(); // migrate once before the writers start
	const results = await Promise.all(
		Array.from({ length: processes }, () =>
			run(process.execPath, ['--import', 'tsx', writer, String(count), mode], {
				env: { ...process.env, LOG_LEVEL: 'silent' }
			})
		)
	);
	return results.map(
		(r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ok: number; locked: number }
	);
}

describe('finding 11: two server processes on one database', () => {
	it('queue for the write lock: no "database is locked", and the audit chain holds', async () => {
		const results = await race(3, 150);
		expect(results.map((r) => r.locked)).toEqual([0, 0, 0]);
		expect(results.reduce((n, r) => n + r.ok, 0)).toBe(450);
		expect(audit.verify()).toBeNull();
	}, 60_000);
});
