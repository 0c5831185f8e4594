/**
 * The scheduled work of the ledger, in one place: run at server start, hourly while it runs, and by
 * `npm run jobs` for an outside scheduler (cron, a systemd timer). Every job is idempotent:
 * running them twice in a row changes nothing the second time.
 */
import { getDb } from './db';
import * as ledger from './ledger';

export type JobReport = { confirmed: number; closedPeriods: string[] };

export function runJobs(now = new Date()): JobReport {
	return {
		confirmed: ledger.autoConfirm(now),
		closedPeriods: ledger.closeDuePeriods(getDb(), now)
	};
}

export const HOURLY = 60 * 60 * 1000;
