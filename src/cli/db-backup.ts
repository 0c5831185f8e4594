import { parseArgs } from 'node:util';
import * as backup from '../lib/server/backup';
import { databasePath } from '../lib/server/db';
import { run } from './run';

run(() => {
	const { values, positionals } = parseArgs({
		options: { force: { type: 'boolean', default: false } },
		allowPositionals: true
	});
	if (positionals.length !== 1)
		throw new backup.BackupError('name the backup file: npm run db:backup -- FILE [--force]');
	const report = backup.create(databasePath(), positionals[0], { force: values.force });
	console.log(
		`Backed up ${report.source} to ${report.file}: ${report.bytes} bytes, integrity ok, ${report.auditRows} audit rows.`
	);
});
