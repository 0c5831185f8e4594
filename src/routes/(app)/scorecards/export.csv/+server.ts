import { m } from '$lib/paraglide/messages';
import { teamsLedBy } from '$lib/server/access';
import { inLocale } from '$lib/server/api';
import { authorize } from '$lib/server/guard';
import * as ledger from '$lib/server/ledger';
import { periodAndTeam } from '$lib/server/ledger-period';
import type { RequestHandler } from './$types';

const status: Record<string, () => string> = {
	proposed: m.ledger_status_proposed,
	confirmed: m.ledger_status_confirmed,
	reversed: m.ledger_status_reversed,
	paid: m.ledger_status_paid
};

export const GET: RequestHandler = (event) => {
	const user = authorize(event, ['supervisor', 'admin']);
	const { team, period } = periodAndTeam(user, event.url, teamsLedBy(user));
	const body = ledger.csv(user, team, period, {
		header: [
			m.csv_entry(),
			m.csv_name(),
			m.csv_username(),
			m.csv_team(),
			m.csv_clause(),
			m.csv_version(),
			m.csv_kind(),
			m.csv_points(),
			m.csv_money(),
			m.csv_status(),
			m.csv_counted(),
			m.csv_attempt(),
			m.csv_quote(),
			m.csv_linked(),
			m.csv_created()
		],
		kind: (kind) => (kind === 'reward' ? m.criteria_reward() : m.criteria_penalty()),
		status: (s) => status[s]?.() ?? s,
		title: inLocale
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ledger-${period}.csv"`
		}
	});
};
