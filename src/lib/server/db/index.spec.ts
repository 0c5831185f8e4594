import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, getDb, openDatabase } from './index';

const run = promisify(execFile);

describe('database', () => {
	it('opens with WAL, foreign keys, a busy timeout and synchronous NORMAL, migrated', () => {
		const client = getDb().$client;
		expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(client.pragma('busy_timeout', { simple: true })).toBe(5000);
		expect(client.pragma('synchronous', { simple: true })).toBe(1);
		const tables = client
			.prepare("select name from sqlite_master where type = 'table'")
			.pluck()
			.all();
		expect(tables).toEqual(
			expect.arrayContaining(['users', 'sessions', 'teams', 'login_attempts'])
		);
	});

	it('creates a missing folder for the database file', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-db-'));
		const file = path.join(dir, 'nested', 'deeper', 'app.db');
		const db = openDatabase(file);
		db.$client.close();
		expect(fs.existsSync(file)).toBe(true);
		fs.rmSync(dir, { recursive: true });
	});

	it('names the path when it cannot be written', () => {
		// A path below a regular file fails for root too, unlike permission bits.
		const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-db-')), 'a-file');
		fs.writeFileSync(blocker, '');
		const file = path.join(blocker, 'app.db');
		expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
		expect(() => openDatabase(file)).toThrow(`cannot open the database at ${file}`);
	});

	it('db:migrate prints one line and exits 1 when the path is not writable', async () => {
		const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-db-')), 'a-file');
		fs.writeFileSync(blocker, '');
		const failure = await run('node_modules/.bin/tsx', ['src/cli/migrate.ts'], {
			env: { ...process.env, DATABASE_URL: path.join(blocker, 'app.db') }
		}).catch((e: { code: number; stderr: string }) => e);
		expect(failure).toMatchObject({ code: 1 });
		const stderr = (failure as { stderr: string }).stderr.trim();
		expect(stderr.split('\n')).toHaveLength(1);
		expect(stderr).toMatch(/^error: cannot open the database at .*a-file\/app\.db: /);
	}, 30_000);
});
