import { m } from '$lib/paraglide/messages';

/** What each kind of audit row records, in words. */
const actions: Record<string, () => string> = {
	'criteria.publish': m.audit_criteria_publish,
	'criteria.acknowledge': m.audit_criteria_acknowledge,
	'criteria.draft': m.audit_criteria_draft,
	'criteria.draft_edit': m.audit_criteria_draft_edit,
	'criteria.approve': m.audit_criteria_approve,
	'criteria.discard': m.audit_criteria_discard,
	'ledger.propose': m.audit_ledger_propose,
	'ledger.confirm': m.audit_ledger_confirm,
	'ledger.pay': m.audit_ledger_pay,
	'ledger.reverse': m.audit_ledger_reverse,
	'ledger.reversal': m.audit_ledger_reversal,
	'ledger.adjust': m.audit_ledger_adjust,
	'ledger.dispute': m.audit_ledger_dispute,
	'ledger.ruling': m.audit_ledger_ruling,
	'ledger.final_ruling': m.audit_ledger_final_ruling,
	'admin.user_create': m.audit_admin_user_create,
	'admin.user_assign': m.audit_admin_user_assign,
	'admin.password_reset': m.audit_admin_password_reset,
	'account.password_change': m.audit_account_password_change,
	'admin.user_disable': m.audit_admin_user_disable,
	'admin.user_enable': m.audit_admin_user_enable,
	'admin.team_create': m.audit_admin_team_create,
	'scenario.draft_create': m.audit_scenario_draft_create,
	'scenario.draft_save': m.audit_scenario_draft_save,
	'scenario.draft_discard': m.audit_scenario_draft_discard,
	'scenario.publish': m.audit_scenario_publish,
	'assignment.create': m.audit_assignment_create,
	'assignment.extend': m.audit_assignment_extend,
	'assignment.withdraw': m.audit_assignment_withdraw
};

export const auditActionLabel = (action: string) => (actions[action] ?? m.audit_other)();

/** Who acted: a person by name, a published rule, or the system itself. */
export function auditActorLabel(row: { actor: string; actorName: string | null }): string {
	if (row.actorName) return row.actorName;
	const rule = /^rule:([RP]-\d{2})@(\d+)/.exec(row.actor);
	if (rule) return m.audit_by_clause({ code: rule[1], version: rule[2] });
	if (row.actor.startsWith('rule:')) return m.audit_by_rules();
	return m.audit_by_system();
}

/** A payload as "key: value" lines; nested values are shown compactly. */
export function auditDetails(payload: Record<string, unknown>): [string, string][] {
	return Object.entries(payload)
		.filter(([, v]) => v !== null && v !== undefined)
		.map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
}
