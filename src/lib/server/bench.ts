import { sql } from 'drizzle-orm';
import { getDb } from './db';

/** Only `npm run bench:http` turns this on: a bare endpoint to compare the reply endpoint with. */
export const benchEndpointsEnabled = () => process.env.BENCH_ENDPOINTS === '1';

let ready = false;

/** One SQLite insert, the least work a JSON endpoint that writes can do. */
export function ping(): number {
	const db = getDb();
	if (!ready) {
		db.run(
			sql`create table if not exists bench_pings (id integer primary key, at integer not null)`
		);
		ready = true;
	}
	return Number(db.run(sql`insert into bench_pings (at) values (${Date.now()})`).lastInsertRowid);
}
