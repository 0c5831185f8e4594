import { asc, eq } from 'drizzle-orm';
import type { Actor } from './access';
import * as audit from './audit';
import { getDb, write } from './db';
import { teams, users, type Team } from './db/schema';

export type TeamListing = Team & { supervisorName: string | null };

export function list(): TeamListing[] {
	return getDb()
		.select({
			id: teams.id,
			name: teams.name,
			supervisorId: teams.supervisorId,
			createdAt: teams.createdAt,
			supervisorName: users.displayName
		})
		.from(teams)
		.leftJoin(users, eq(teams.supervisorId, users.id))
		.orderBy(asc(teams.name))
		.all();
}

export function get(id: number): Team | null {
	return getDb().select().from(teams).where(eq(teams.id, id)).get() ?? null;
}

/** Creates a team (admins, or the seed); null when the name is taken. */
export function create(
	name: string,
	supervisorId: number | null,
	by: Actor | 'system' = 'system'
): Team | null {
	if (by !== 'system' && by.role !== 'admin') throw new Error('only an admin creates teams');
	return write((tx) => {
		if (tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name.trim())).get())
			return null;
		const team = tx.insert(teams).values({ name: name.trim(), supervisorId }).returning().get();
		audit.append(tx, by === 'system' ? 'system' : `user:${by.id}`, 'admin.team_create', {
			team: team.id,
			name: team.name,
			supervisor: supervisorId
		});
		return team;
	});
}

export function members(teamId: number) {
	return getDb()
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role
		})
		.from(users)
		.where(eq(users.teamId, teamId))
		.orderBy(asc(users.username))
		.all();
}
