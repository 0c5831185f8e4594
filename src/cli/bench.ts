import { benchScenarios } from './bench/scenarios';
import { benchScoring } from './bench/scoring';
import { run } from './run';

run(() => {
	console.log(`node ${process.version}, ${new Date().toISOString()}`);
	benchScenarios(Number(process.env.BENCH_REPLIES ?? 100_000));
	benchScoring();
});
