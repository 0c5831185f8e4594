import { databasePath } from '../lib/server/db';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../lib/server/seed';
import { run } from './run';

run(async () => {
	const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
	const report = await seedDemo(password);
	console.log(`Demo data ready in ${databasePath()} (${report.created.length} accounts created).`);
	for (const [what, r] of [
		['Rubrics', report.content.rubrics],
		['Scenarios', report.content.scenarios]
	] as const) {
		const published = r.created.map((s) => `${s.key}@${s.version}`);
		const unchanged = r.unchanged.length > 0 ? `; unchanged ${r.unchanged.join(', ')}` : '';
		console.log(
			`${what}: ${published.length > 0 ? `published ${published.join(', ')}` : 'none changed'}${unchanged}`
		);
	}
	console.log(`\nDemo logins (password: ${password}):`);
	for (const { username, role } of report.logins) console.log(`  ${username.padEnd(12)} ${role}`);
});
