import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb } from '../db';

// Every test file gets its own real SQLite file in a fresh temp folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-drill-test-'));
process.env.DATABASE_URL = path.join(dir, 'test.db');

afterAll(() => {
	closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});
