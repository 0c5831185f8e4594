import { databasePath } from '../lib/server/db';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../lib/server/seed';
import { run } from './run';

run(async () => {
	const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
	const report = await seedDemo(password);
	console.log(`Demo data ready in ${databasePath()} (${report.created.length} accounts created).`);
	console.log(`\nDemo logins (password: ${password}):`);
	for (const { username, role } of report.logins) console.log(`  ${username.padEnd(12)} ${role}`);
	console.log(
		`\nOpen ${process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`} and sign in.`
	);
});
