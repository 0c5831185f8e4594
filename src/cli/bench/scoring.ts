import fs from 'node:fs';
import { assessReply, loadRubric } from '../../lib/engine/scoring';
import { fmt, summarise } from './stats';

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Rubric load time and memory, and time per reply of about 100 characters, on one core. */
export function benchScoring(rounds = 20_000) {
	const file = 'scenarios/rubrics/complaint-handling.yaml';
	const text = fs.readFileSync(file, 'utf8');
	const modelFile = 'scenarios/rubrics/complaint-handling.model.json';
	const model = fs.existsSync(modelFile)
		? { file: modelFile, text: fs.readFileSync(modelFile, 'utf8') }
		: undefined;
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const loaded = loadRubric(file, text, model);
	const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
	if (!loaded.ok) throw new Error('the rubric does not load');
	if (model && !loaded.rubric.model) throw new Error('the model does not load: retrain it');
	const rubric = loaded.rubric;
	gc();
	const rubricMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

	// Replies of about 100 characters, cut from the labelled set in both languages.
	const replies = ['en', 'zh'].flatMap((lang) =>
		fs
			.readFileSync(`tests/fixtures/scoring/${lang}.jsonl`, 'utf8')
			.split('\n')
			.filter((l) => l.trim())
			.map((l) => (JSON.parse(l) as { text: string }).text)
			// Each reply joined with the next one and cut at 100 characters.
			.map((t, i, all) => `${t} ${all[(i + 1) % all.length]}`.slice(0, 100))
	);
	const meanLength = replies.reduce((n, r) => n + r.length, 0) / replies.length;
	for (let i = 0; i < 2000; i++) assessReply(replies[i % replies.length], { rubric });
	const times: number[] = new Array(rounds);
	for (let i = 0; i < rounds; i++) {
		const t0 = process.hrtime.bigint();
		assessReply(replies[i % replies.length], { rubric });
		times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
	}
	const s = summarise(times);
	console.log(
		`scoring: rubric${model ? ' and learned model' : ''} load ${fmt(loadMs)} ms, ${fmt(rubricMb, 2)} MB of heap (aim: under 20 MB)` +
			(model
				? `; model file ${fmt(model.text.length / 1024 / 1024, 2)} MB (aim: at most 5 MB)`
				: '')
	);
	console.log(
		`scoring: per reply (${fmt(meanLength, 0)} characters on average, ${rounds} replies): median ${fmt(s.median, 3)} ms, p99 ${fmt(s.p99, 3)} ms (aim: median under 0.2 ms, p99 under 1 ms)`
	);
	return { loadMs, rubricMb, reply: s };
}
