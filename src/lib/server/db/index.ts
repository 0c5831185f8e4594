import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** The database cannot be opened or migrated: the message is meant to be shown as it is. */
export class DatabaseOpenError extends Error {}

export function databasePath(): string {
	const url = process.env.DATABASE_URL?.trim() || './data/app.db';
	return url.replace(/^file:/, '');
}

function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/** Opens (creating its folder if needed), tunes and migrates the SQLite database at `file`. */
export function openDatabase(file = databasePath()): Db {
	const where = file === ':memory:' ? file : path.resolve(file);
	let client: Database.Database | undefined;
	try {
		if (file !== ':memory:') {
			fs.mkdirSync(path.dirname(where), { recursive: true });
			fs.accessSync(path.dirname(where), fs.constants.W_OK);
		}
		client = new Database(where);
		client.pragma('journal_mode = WAL');
		client.pragma('foreign_keys = ON');
		client.pragma('busy_timeout = 5000');
		client.pragma('synchronous = NORMAL');
		const db = drizzle(client, { schema });
		migrate(db, { migrationsFolder: migrationsFolder() });
		return db;
	} catch (e) {
		client?.close();
		const reason = e instanceof Error ? e.message : String(e);
		throw new DatabaseOpenError(`cannot open the database at ${where}: ${reason}`);
	}
}

let current: Db | undefined;

/** The process's database, opened and migrated on first use. */
export function getDb(): Db {
	current ??= openDatabase();
	return current;
}

/**
 * A write transaction. It starts IMMEDIATE, taking the write lock at once: a second process then
 * waits for it (busy_timeout) instead of failing with "database is locked" when a read turns into
 * a write half-way through.
 */
export function write<T>(fn: (tx: Tx) => T, db: Db = getDb()): T {
	return db.transaction(fn, { behavior: 'immediate' });
}

export function closeDb(): void {
	current?.$client.close();
	current = undefined;
}
