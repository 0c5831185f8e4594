// A second process writing to the same database: `tsx race-writer.ts COUNT [deferred]`.
// Prints one JSON line: how many writes succeeded and how many failed with "database is locked".
import * as audit from '../audit';
import { getDb, write } from '../db';

const count = Number(process.argv[2] ?? 200);
const deferred = process.argv[3] === 'deferred';
let ok = 0;
let locked = 0;
for (let i = 0; i < count; i++) {
	try {
		const step = (tx: Parameters<Parameters<typeof write>[0]>[0]) =>
			audit.append(tx, `race:${process.pid}`, 'race.write', { i });
		if (deferred) getDb().transaction(step);
		else write(step);
		ok++;
	} catch (e) {
		if (e instanceof Error && /locked|busy/i.test(e.message)) locked++;
		else throw e;
	}
}
console.log(JSON.stringify({ ok, locked }));
