import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as audit from './audit';
import * as backup from './backup';
import { closeDb, openDatabase } from './db';

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const count = (file: string, table: string) => {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	} finally {
		db.close();
	}
};

/** Starts the writer process on `file`; resolves once it has committed at least `rows` rows. */
function startWriter(file: string): {
	child: ChildProcess;
	until: (rows: number) => Promise<number>;
} {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'src/lib/server/testing/backup-writer.ts', file],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let written = 0;
	const waiting: { rows: number; resolve: (n: number) => void }[] = [];
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		written = Number(chunk.trim().split('\n').at(-1));
		for (const w of waiting.filter((w) => written >= w.rows)) w.resolve(written);
	});
	const until = (rows: number) =>
		new Promise<number>((resolve, reject) => {
			if (written >= rows) return resolve(written);
			waiting.push({ rows, resolve });
			child.once('exit', (code) => reject(new Error(`the writer exited (${code})`)));
		});
	return { child, until };
}
const running: ChildProcess[] = [];
afterAll(() => running.forEach((child) => child.kill('SIGKILL')));

/** The audit chain of the database at `file`, walked by the app's own verify. */
function verifyChain(file: string) {
	const previous = process.env.DATABASE_URL;
	closeDb();
	process.env.DATABASE_URL = file;
	try {
		return audit.verify();
	} finally {
		closeDb();
		process.env.DATABASE_URL = previous;
	}
}

describe('backup.create', () => {
	it(
		'takes a consistent copy while another process keeps writing, and the copy restores',
		{ timeout: 60_000 },
		async () => {
			const live = path.join(dir, 'app.db');
			const writer = startWriter(live);
			running.push(writer.child);
			await writer.until(200);
			const before = count(live, 'audit_log');

			const report = backup.create(live, path.join(dir, 'backup.db'));

			// The writer was still going after the copy (until() fails if it stopped).
			await writer.until(report.auditRows + 200);
			const stopped = new Promise((resolve) => writer.child.once('exit', resolve));
			writer.child.kill('SIGTERM');
			await stopped;
			expect(report).toMatchObject({ file: path.join(dir, 'backup.db') });
			expect(report.auditRows).toBeGreaterThanOrEqual(before);
			expect(count(live, 'audit_log')).toBeGreaterThan(report.auditRows);

			// Restore: the server is stopped, the file is replaced and the old -wal/-shm go with it.
			const restored = path.join(dir, 'restored', 'app.db');
			fs.mkdirSync(path.dirname(restored));
			fs.copyFileSync(report.file, restored);
			const db = new Database(restored);
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			db.close();
			expect(count(restored, 'audit_log')).toBe(report.auditRows);
			expect(count(restored, 'teams')).toBe(report.auditRows);
			expect(verifyChain(restored)).toBeNull();
			// The app opens and migrates it as it is.
			openDatabase(restored).$client.close();
		}
	);

	it('refuses to replace an existing file unless forced, and leaves it as it was', () => {
		const live = path.join(dir, 'app.db');
		openDatabase(live).$client.close();
		const target = path.join(dir, 'backup.db');
		fs.writeFileSync(target, 'keep me');
		expect(() => backup.create(live, target)).toThrow(
			`${target} already exists: name another file, or add --force to replace it`
		);
		expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
		expect(backup.create(live, target, { force: true }).bytes).toBeGreaterThan(7);
		expect(fs.readdirSync(dir).sort()).toEqual(['app.db', 'app.db-shm', 'app.db-wal', 'backup.db']);
	});
});

describe('npm run db:backup', () => {
	const cli = (database: string, ...args: string[]) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/db-backup.ts', ...args], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: database },
			timeout: 60_000
		});

	it('prints what it wrote, and the copy passes npm run audit:verify', { timeout: 60_000 }, () => {
		const live = path.join(dir, 'app.db');
		const db = openDatabase(live);
		audit.append(db, 'system', 'test.write', { n: 1 });
		db.$client.close();
		const target = path.join(dir, 'backup.db');
		const run = cli(live, target);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(
			new RegExp(`^Backed up ${live} to ${target}: \\d+ bytes, integrity ok, 1 audit rows\\.\\n$`)
		);
		expect(run.status).toBe(0);
		const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: target }
		});
		expect(verify.stdout).toContain('every row holds');
		expect(verify.status).toBe(0);
	});

	it('refuses to overwrite, and says what is wrong with a bad path', { timeout: 60_000 }, () => {
		const live = path.join(dir, 'app.db');
		openDatabase(live).$client.close();
		const target = path.join(dir, 'backup.db');
		fs.writeFileSync(target, 'keep me');
		const refused = cli(live, target);
		expect(refused.stderr).toBe(
			`error: ${target} already exists: name another file, or add --force to replace it\n`
		);
		expect(refused.status).toBe(1);
		expect(fs.readFileSync(target, 'utf8')).toBe('keep me');

		const missing = path.join(dir, 'no-such-folder', 'backup.db');
		expect(cli(live, missing).stderr).toBe(
			`error: cannot write ${missing}: the folder ${path.dirname(missing)} does not exist\n`
		);
		expect(cli(live, dir).stderr).toBe(
			`error: ${dir} is a folder: name the backup file, e.g. ${path.join(dir, 'app.db')}\n`
		);
		expect(cli(live).stderr).toBe(
			'error: name the backup file: npm run db:backup -- FILE [--force]\n'
		);
		const nowhere = path.join(dir, 'nothing.db');
		expect(cli(nowhere, path.join(dir, 'b.db')).stderr).toBe(`error: no database at ${nowhere}\n`);
		expect(cli(live, target, '--force').status).toBe(0);
	});
});
