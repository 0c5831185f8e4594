import { databasePath } from '../lib/server/db';
import * as audit from '../lib/server/audit';
import { run } from './run';

run(() => {
	const broken = audit.verify();
	if (broken) {
		console.error(
			`error: the audit trail in ${databasePath()} is broken at row ${broken.id}: ${broken.reason}`
		);
		process.exitCode = 1;
		return;
	}
	console.log(`audit trail in ${databasePath()}: every row holds`);
});
