import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseForm, readForm } from '$lib/server/forms';
import { authorize } from '$lib/server/guard';
import * as teams from '$lib/server/teams';
import * as users from '$lib/server/users';
import {
	assignSchema,
	disableSchema,
	newTeamSchema,
	newUserSchema,
	resetPasswordSchema
} from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'admin');
	return { users: users.list(), teams: teams.list() };
};

const teamExists = (teamId: number | null) => teamId === null || teams.get(teamId) !== null;

export const actions: Actions = {
	createUser: async (event) => {
		const admin = authorize(event, 'admin');
		const form = await readForm(event);
		const values = {
			username: String(form.get('username') ?? '').slice(0, 200),
			displayName: String(form.get('displayName') ?? '').slice(0, 200)
		};
		const parsed = parseForm(newUserSchema, form);
		if (!parsed.ok) return fail(400, { action: 'createUser', errors: parsed.errors, values });
		if (!teamExists(parsed.data.teamId)) {
			return fail(400, {
				action: 'createUser',
				errors: { teamId: m.error_not_found_team() },
				values
			});
		}
		const created = await users.create(parsed.data, admin);
		if (!created) {
			return fail(409, {
				action: 'createUser',
				errors: { username: m.error_username_taken() },
				values
			});
		}
		return { action: 'createUser', success: m.admin_user_created({ username: created.username }) };
	},

	assign: async (event) => {
		const admin = authorize(event, 'admin');
		const parsed = parseForm(assignSchema, await readForm(event));
		if (!parsed.ok) return fail(400, { action: 'assign', errors: parsed.errors });
		const { userId, role, teamId } = parsed.data;
		const target = users.get(userId);
		if (!target) return fail(404, { action: 'assign', errors: { form: m.error_not_found_user() } });
		if (!teamExists(teamId))
			return fail(400, { action: 'assign', errors: { form: m.error_not_found_team() } });
		if (userId === admin.id && role !== 'admin') {
			return fail(400, { action: 'assign', errors: { form: m.error_self_lockout() } });
		}
		users.assign(admin, userId, role, teamId);
		return { action: 'assign', success: m.admin_user_saved({ username: target.username }) };
	},

	resetPassword: async (event) => {
		const admin = authorize(event, 'admin');
		const parsed = parseForm(resetPasswordSchema, await readForm(event));
		if (!parsed.ok) return fail(400, { action: 'resetPassword', errors: parsed.errors });
		const target = users.get(parsed.data.userId);
		if (!target)
			return fail(404, { action: 'resetPassword', errors: { form: m.error_not_found_user() } });
		await users.setPassword(admin, target.id, parsed.data.password);
		return {
			action: 'resetPassword',
			success: m.admin_password_reset({ username: target.username })
		};
	},

	setDisabled: async (event) => {
		const admin = authorize(event, 'admin');
		const parsed = parseForm(disableSchema, await readForm(event));
		if (!parsed.ok) return fail(400, { action: 'setDisabled', errors: parsed.errors });
		const target = users.get(parsed.data.userId);
		if (!target)
			return fail(404, { action: 'setDisabled', errors: { form: m.error_not_found_user() } });
		const disabled = parsed.data.disabled === 'true';
		if (disabled && target.id === admin.id) {
			return fail(400, { action: 'setDisabled', errors: { form: m.error_self_lockout() } });
		}
		users.setDisabled(admin, target.id, disabled);
		const success = disabled
			? m.admin_user_disabled({ username: target.username })
			: m.admin_user_enabled({ username: target.username });
		return { action: 'setDisabled', success };
	},

	createTeam: async (event) => {
		const admin = authorize(event, 'admin');
		const form = await readForm(event);
		const values = { name: String(form.get('name') ?? '').slice(0, 200) };
		const parsed = parseForm(newTeamSchema, form);
		if (!parsed.ok) return fail(400, { action: 'createTeam', errors: parsed.errors, values });
		const supervisor =
			parsed.data.supervisorId === null ? null : users.get(parsed.data.supervisorId);
		if (parsed.data.supervisorId !== null && supervisor?.role !== 'supervisor') {
			return fail(400, {
				action: 'createTeam',
				errors: { supervisorId: m.error_not_found_user() },
				values
			});
		}
		const team = teams.create(parsed.data.name, supervisor?.id ?? null, admin);
		if (!team)
			return fail(409, { action: 'createTeam', errors: { name: m.error_team_taken() }, values });
		return { action: 'createTeam', success: m.admin_team_created({ name: team.name }) };
	}
};
