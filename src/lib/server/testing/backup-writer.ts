// A stand-in for the running server in backup tests: writes a team and its audit row per
// transaction into the database named on the command line, printing how many are committed,
// until it is sent SIGTERM.
import * as audit from '../audit';
import { openDatabase } from '../db';
import { teams } from '../db/schema';

const db = openDatabase(process.argv[2]);
let written = 0;

function writeSome() {
	for (let i = 0; i < 20; i++) {
		db.transaction((tx) => {
			tx.insert(teams)
				.values({ name: `team ${written}` })
				.run();
			audit.append(tx, 'system', 'test.write', { written });
		});
		written++;
	}
	process.stdout.write(`${written}\n`);
	setImmediate(writeSome);
}

process.on('SIGTERM', () => {
	db.$client.close();
	process.exit(0);
});
writeSome();
