import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, summarise } from './bench/stats';
import { formatWeight, weighPage } from './bench/weigh';

/**
 * Against the production build (run `npm run build` first): 50 simulated trainees play whole
 * attempts through the JSON API; then the same load on a bare endpoint doing one SQLite insert.
 * Also weighs the JavaScript the practice page ships, gzipped.
 */
const PORT = 4199;
const base = `http://127.0.0.1:${PORT}`;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-drill-bench-'));
process.env.DATABASE_URL = path.join(dir, 'bench.db');

const replies = [
	'Hello, I am so sorry about this, I understand how frustrating it is.',
	'Let me make sure I understand: the delivery was due on the 2nd and it has not arrived, is that right?',
	'I will arrange it for tomorrow morning and call you back before 5 pm today.',
	'您好，非常抱歉让您久等了，我理解您的心情。',
	'我确认一下：约好的时间师傅没有到，对吗？',
	'由我负责跟进，今天下午五点前给您回电。',
	'Thanks for your feedback, we will pass it on.'
];

async function main() {
	if (!fs.existsSync('build/index.js'))
		throw new Error('no production build: run `npm run build` first');
	const { seedDemo } = await import('../lib/server/seed');
	const { createSession, generateSessionToken } = await import('../lib/server/auth');
	const users = await import('../lib/server/users');
	const { closeDb } = await import('../lib/server/db');
	await seedDemo();
	const cookies: string[] = [];
	for (let i = 0; i < CONCURRENCY; i++) {
		const user = (await users.create({
			username: `bench${i}`,
			displayName: `Bench ${i}`,
			password: 'bench-password',
			role: 'trainee',
			teamId: null
		}))!;
		const token = generateSessionToken();
		createSession(token, user.id);
		cookies.push(`auth-session=${token}`);
	}
	closeDb();

	const server = spawn(
		process.execPath,
		[
			...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/serverprof'] : []),
			'build/index.js'
		],
		{
			env: {
				...process.env,
				PORT: String(PORT),
				HOST: '127.0.0.1',
				ORIGIN: base,
				LOG_LEVEL: 'silent',
				BENCH_ENDPOINTS: '1'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	try {
		for (let i = 0; i < 100; i++) {
			if (
				await fetch(`${base}/healthz`).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const scenarios = (
			(await (
				await fetch(`${base}/api/scenarios`, { headers: { cookie: cookies[0] } })
			).json()) as { key: string }[]
		).map((s) => s.key);

		const play = async (
			cookie: string,
			until: number,
			times: number[],
			counter: { errors: number }
		) => {
			const headers = { cookie, 'content-type': 'application/json' };
			let n = 0;
			while (Date.now() < until) {
				const scenario = scenarios[n++ % scenarios.length];
				const started = await fetch(`${base}/api/attempts`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ scenario, mode: 'practice' })
				});
				if (started.status !== 201) {
					counter.errors++;
					continue;
				}
				const { id } = (await started.json()) as { id: number };
				for (let turn = 0; Date.now() < until; turn++) {
					const t0 = performance.now();
					const r = await fetch(`${base}/api/attempts/${id}/replies`, {
						method: 'POST',
						headers,
						body: JSON.stringify({ text: replies[(turn + n) % replies.length], turn })
					});
					const body = (await r.json()) as { done?: boolean };
					times.push(performance.now() - t0);
					if (r.status !== 200) {
						counter.errors++;
						break;
					}
					if (body.done) break;
				}
			}
		};
		const bare = async (
			cookie: string,
			until: number,
			times: number[],
			counter: { errors: number }
		) => {
			while (Date.now() < until) {
				const t0 = performance.now();
				const r = await fetch(`${base}/api/bench/ping`, { method: 'POST', headers: { cookie } });
				await r.arrayBuffer();
				times.push(performance.now() - t0);
				if (r.status !== 200) counter.errors++;
			}
		};
		const run = async (name: string, worker: typeof play) => {
			const times: number[] = [];
			const counter = { errors: 0 };
			const started = Date.now();
			await Promise.all(cookies.map((c) => worker(c, started + SECONDS * 1000, times, counter)));
			const seconds = (Date.now() - started) / 1000;
			const s = summarise(times);
			const rate = times.length / seconds;
			console.log(
				`${name}: ${times.length} requests in ${fmt(seconds)} s = ${fmt(rate, 0)}/s; p50 ${fmt(s.median)} ms, p95 ${fmt(s.p95)} ms, p99 ${fmt(s.p99)} ms; errors ${counter.errors}`
			);
			return rate;
		};
		console.log(
			`node ${process.version}; ${CONCURRENCY} concurrent trainees, ${SECONDS} s per run, production build on SQLite`
		);
		const replyRate = await run('replies (score + transition + transaction)', play);
		const bareRate = await run('bare endpoint (one SQLite insert)', bare);
		console.log(
			`ratio: replies reach ${fmt((100 * replyRate) / bareRate, 0)}% of the bare endpoint's throughput (aims: >= 500 replies/s, p95 < 50 ms, >= 50%)`
		);

		// The JavaScript a trainee's browser loads for the conversation page.
		const started = await fetch(`${base}/api/attempts`, {
			method: 'POST',
			headers: { cookie: cookies[0], 'content-type': 'application/json' },
			body: JSON.stringify({ scenario: scenarios[0], mode: 'practice' })
		});
		const { id } = (await started.json()) as { id: number };
		const weight = await weighPage(`${base}/practice/${id}`, cookies[0]);
		console.log(`${formatWeight('practice page', weight)} (aim: under 100 KB)`);
	} finally {
		server.kill('SIGINT');
		await new Promise((r) => server.once('exit', r));
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(e: unknown) => {
		console.error(e instanceof Error ? `error: ${e.message}` : e);
		process.exit(1);
	}
);
