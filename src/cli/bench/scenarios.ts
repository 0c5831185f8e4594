import fs from 'node:fs';
import { sendReply, startAttempt, type GuardAssessment } from '../../lib/engine/scenario';
import {
	compileSource,
	dimensionIds,
	violationIds
} from '../../lib/engine/scenario/testing/helpers';
import { scenarioFiles } from '../../lib/server/scenario-files';
import { fmt, seeded, summarise } from './stats';

/** Compile time of every scenario file, and time per reply (restore, transition, persist). */
export function benchScenarios(replies = 100_000) {
	const sources = scenarioFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
	const compileAll = () => sources.map(({ file, text }) => compileSource(file, text));
	const compileTimes: number[] = [];
	let compiled = compileAll();
	for (let round = 0; round < 20; round++) {
		const started = process.hrtime.bigint();
		compiled = compileAll();
		compileTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
	}

	const random = seeded(42);
	const assessment = (): GuardAssessment => ({
		score: Math.floor(random() * 101),
		dimensions: Object.fromEntries(dimensionIds.map((d) => [d, random() < 0.5 ? 1 : 0])),
		violations:
			random() < 0.2
				? [{ id: violationIds[Math.floor(random() * violationIds.length)], severity: 'critical' }]
				: []
	});
	const inputs = Array.from({ length: replies }, assessment);
	const times: number[] = new Array(replies);
	let which = 0;
	let attempt = startAttempt(compiled[0], 1);
	for (let i = 0; i < replies; i++) {
		// Snapshots travel as JSON between turns, as they do through the database.
		const persisted = JSON.parse(JSON.stringify(attempt.snapshot));
		const started = process.hrtime.bigint();
		attempt = sendReply(compiled[which], persisted, inputs[i]);
		times[i] = Number(process.hrtime.bigint() - started) / 1000;
		if (attempt.step.done) {
			which = (which + 1) % compiled.length;
			attempt = startAttempt(compiled[which], i);
		}
	}
	const compile = summarise(compileTimes);
	const transition = summarise(times);
	console.log(
		`scenarios: compile all ${sources.length} files (load + validate + compile), 20 runs: median ${fmt(compile.median, 2)} ms, p99 ${fmt(compile.p99, 2)} ms`
	);
	console.log(
		`scenarios: per reply (restore snapshot + transition + persist), ${replies} replies: median ${fmt(transition.median)} µs, p99 ${fmt(transition.p99)} µs (aim: under 50 µs)`
	);
	return { compile, transition };
}
