import { databasePath } from '../lib/server/db';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../lib/server/seed';
import { run } from './run';

run(async () => {
	const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
	const report = await seedDemo(password);
	const published = report.scenarios.created.map((s) => `${s.key}@${s.version}`);
	console.log(`Demo data ready in ${databasePath()} (${report.created.length} accounts created).`);
	console.log(
		`Scenarios: ${published.length > 0 ? `published ${published.join(', ')}` : 'none changed'}` +
			(report.scenarios.unchanged.length > 0
				? `; unchanged ${report.scenarios.unchanged.join(', ')}`
				: '')
	);
	console.log(`\nDemo logins (password: ${password}):`);
	for (const { username, role } of report.logins) console.log(`  ${username.padEnd(12)} ${role}`);
	console.log(
		`\nOpen ${process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`} and sign in.`
	);
});
