import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatWeight, weighPage } from './bench/weigh';

/**
 * `npm run bench:js`: against the production build, weighs the JavaScript each main page ships
 * (gzipped): what loads with the page, and what loads only on demand (the code editor, the graph
 * layout). The aim for the practice pages is under 100 KB.
 */
const PORT = 4198;
const base = `http://127.0.0.1:${PORT}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-drill-js-'));
process.env.DATABASE_URL = path.join(dir, 'js.db');

async function main() {
	if (!fs.existsSync('build/index.js'))
		throw new Error('no production build: run `npm run build` first');
	const { seedDemo } = await import('../lib/server/seed');
	const { createSession, generateSessionToken } = await import('../lib/server/auth');
	const users = await import('../lib/server/users');
	const studio = await import('../lib/server/studio');
	const attempts = await import('../lib/server/attempts');
	const { closeDb } = await import('../lib/server/db');
	await seedDemo();
	const cookieFor = (username: string) => {
		const user = users.getByUsername(username)!;
		const token = generateSessionToken();
		createSession(token, user.id);
		return { user, cookie: `auth-session=${token}` };
	};
	const trainee = cookieFor('trainee1');
	const trainer = cookieFor('trainer1');
	const supervisor = cookieFor('supervisor1');
	const actor = { id: trainer.user.id, role: trainer.user.role };
	const draft = studio.create(actor, { kind: 'template', template: studio.templateNames[0] });
	const attempt = attempts.start(trainee.user, 'disputed-fee', 'practice')!.attempt;
	closeDb();

	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: base,
			LOG_LEVEL: 'silent'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		for (let i = 0; i < 100; i++) {
			const up = await fetch(`${base}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (up) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const pages: [string, string, string][] = [
			['practice list', '/practice', trainee.cookie],
			['practice conversation', `/practice/${attempt.id}`, trainee.cookie],
			['scenario page (graph)', '/scenarios/disputed-fee', trainer.cookie],
			['scenario editor', `/scenarios/drafts/${draft.id}`, trainer.cookie],
			['draft preview', `/scenarios/drafts/${draft.id}/preview`, trainer.cookie],
			['scoring sandbox', '/scenarios/sandbox', trainer.cookie],
			['assignments', '/assignments', supervisor.cookie],
			['rubric drafts', '/rubric/drafts', trainer.cookie]
		];
		console.log(`node ${process.version}; production build; gzip level 6`);
		for (const [name, url, cookie] of pages)
			console.log(formatWeight(name, await weighPage(base + url, cookie)));
	} finally {
		server.kill('SIGINT');
		await new Promise((r) => server.once('exit', r));
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
