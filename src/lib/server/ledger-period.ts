import { isPeriod, periodOf } from '../engine/rulebook/period';
import type { Actor } from './access';
import { timeZone } from './config';
import * as ledger from './ledger';

/**
 * The month and team a health or export view shows: the ones asked for when valid and in scope;
 * otherwise the newest month with entries (this month when there are none).
 */
export function periodAndTeam(actor: Actor, url: URL, ledTeams: number[]) {
	const askedTeam = Number(url.searchParams.get('team'));
	const team = ledTeams.includes(askedTeam) ? askedTeam : null;
	const asked = url.searchParams.get('period') ?? '';
	const months = ledger.periodsWithEntries(actor, team);
	const period = isPeriod(asked) ? asked : (months[0] ?? periodOf(new Date(), timeZone()));
	return { team, period, months };
}
