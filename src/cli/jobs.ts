import { runJobs } from '../lib/server/jobs';
import { run } from './run';

// For an outside scheduler: `npm run jobs` (safe to run as often as you like).
run(() => {
	const report = runJobs();
	const closed = report.closedPeriods;
	console.log(
		`auto-confirmed ${report.confirmed} ${report.confirmed === 1 ? 'entry' : 'entries'}; ` +
			(closed.length === 0 ? 'no month to close' : `closed ${closed.join(', ')}`)
	);
});
