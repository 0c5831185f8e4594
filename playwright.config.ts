import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// One fresh database per run, shared by the server and the test workers (which inherit env).
process.env.E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'service-drill-e2e-'));
process.env.DATABASE_URL = path.join(process.env.E2E_DIR, 'e2e.db');
process.env.LOG_LEVEL ??= 'warn';

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	workers: 2,
	retries: 0,
	outputDir: 'test-results/playwright',
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'npm run --silent build && npm run --silent seed && node build',
		url: `${baseURL}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: baseURL,
			DATABASE_URL: process.env.DATABASE_URL,
			LOG_LEVEL: process.env.LOG_LEVEL
		}
	}
});
