import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

// Public by design: load balancers and uptime checks call it without a session.
export const GET: RequestHandler = ({ locals }) => {
	try {
		getDb().get(sql`select 1`);
		return json({ ok: true, db: 'ok' });
	} catch (e) {
		locals.log.error({ err: e }, 'health check failed');
		return json({ ok: false, db: 'error' }, { status: 503 });
	}
};
