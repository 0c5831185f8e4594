import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A backup that cannot be taken: the message says why and is meant to be shown as it is. */
export class BackupError extends Error {}

export type BackupReport = { source: string; file: string; bytes: number; auditRows: number };

/**
 * Copies the SQLite database at `source` to `target` while the server may be writing to it.
 * `VACUUM INTO` reads one consistent snapshot (WAL included) inside a read transaction, which
 * never blocks the writer; the copy is checked, synced, and only then appears under its name.
 * An existing `target` is replaced only with `force`.
 */
export function create(source: string, target: string, { force = false } = {}): BackupReport {
	const from = path.resolve(source);
	const file = path.resolve(target);
	checkTarget(from, file, force);
	const temp = path.join(
		path.dirname(file),
		`.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
	);
	try {
		let db: Database.Database;
		try {
			db = new Database(from, { readonly: true, fileMustExist: true });
		} catch (e) {
			throw new BackupError(`cannot open the database at ${from}: ${(e as Error).message}`);
		}
		try {
			db.pragma('busy_timeout = 5000');
			db.prepare('VACUUM INTO ?').run(temp);
		} finally {
			db.close();
		}
		const auditRows = check(temp);
		fsyncPath(temp);
		place(temp, file, force);
		syncFolder(path.dirname(file));
		return { source: from, file, bytes: fs.statSync(file).size, auditRows };
	} finally {
		for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`])
			fs.rmSync(leftover, { force: true });
	}
}

function checkTarget(from: string, file: string, force: boolean) {
	if (!fs.existsSync(from)) throw new BackupError(`no database at ${from}`);
	const folder = path.dirname(file);
	if (!fs.existsSync(folder))
		throw new BackupError(`cannot write ${file}: the folder ${folder} does not exist`);
	if (!fs.statSync(folder).isDirectory())
		throw new BackupError(`cannot write ${file}: ${folder} is not a folder`);
	if (!fs.existsSync(file)) return;
	if (fs.statSync(file).isDirectory())
		throw new BackupError(
			`${file} is a folder: name the backup file, e.g. ${path.join(file, 'app.db')}`
		);
	if (fs.realpathSync(file) === fs.realpathSync(from))
		throw new BackupError(`${file} is the database itself: name another file`);
	if (!force)
		throw new BackupError(
			`${file} already exists: name another file, or add --force to replace it`
		);
}

/** Opens the copy on its own: it must pass SQLite's integrity check. Its audit rows, counted. */
function check(file: string): number {
	const copy = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const result = copy.pragma('integrity_check', { simple: true });
		if (result !== 'ok')
			throw new BackupError(`the copy failed SQLite's integrity check: ${result}`);
		const hasAudit = copy
			.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'")
			.get();
		if (!hasAudit) return 0;
		return (copy.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
	} finally {
		copy.close();
	}
}

/** Moves the finished copy into place: never over an existing file unless forced. */
function place(temp: string, file: string, force: boolean) {
	if (force) {
		fs.renameSync(temp, file);
		return;
	}
	try {
		fs.linkSync(temp, file); // fails if `file` appeared meanwhile, unlike rename
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST')
			throw new BackupError(
				`${file} already exists: name another file, or add --force to replace it`
			);
		throw new BackupError(`cannot write ${file}: ${(e as Error).message}`);
	}
}

function fsyncPath(target: string) {
	const fd = fs.openSync(target, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

function syncFolder(folder: string) {
	try {
		fsyncPath(folder);
	} catch {
		// Some platforms cannot open or sync a folder; the file itself is already synced.
	}
}
