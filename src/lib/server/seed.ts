import { and, eq } from 'drizzle-orm';
import type { Role } from '../roles';
import { getDb } from './db';
import { assignments, teams, users as userTable } from './db/schema';
import * as assigning from './assignments';
import * as content from './content';
import * as criteria from './criteria';
import * as criteriaFiles from './criteria-files';
import { seedCalibration } from './demo-calibration';
import { seedHistory } from './demo-history';
import * as teamModule from './teams';
import * as users from './users';

export const DEFAULT_DEMO_PASSWORD = 'practice-makes-perfect';
export const DEMO_TEAM = 'After-sales Team A';

const demoUsers: { username: string; displayName: string; role: Role; inTeam: boolean }[] = [
	{ username: 'trainee1', displayName: 'Lin Xiaoyu 林晓雨', role: 'trainee', inTeam: true },
	{ username: 'trainee2', displayName: 'Zhou Hao 周浩', role: 'trainee', inTeam: true },
	{ username: 'trainer1', displayName: 'Chen Jing 陈静', role: 'trainer', inTeam: false },
	{ username: 'supervisor1', displayName: 'Wang Lei 王磊', role: 'supervisor', inTeam: true },
	{ username: 'admin1', displayName: 'Zhao Min 赵敏', role: 'admin', inTeam: false }
];

export type SeedReport = {
	created: string[];
	logins: { username: string; role: Role }[];
	content: content.ContentReport;
};

/** Creates what is missing of the demo data and leaves everything that exists alone. */
export async function seedDemo(password = DEFAULT_DEMO_PASSWORD): Promise<SeedReport> {
	const db = getDb();
	// Every file is checked before anything is published, and each problem keeps its file:line:col.
	const checked = content.checkContent();
	const catalogue = criteriaFiles.loadCatalogue(
		criteriaFiles.CATALOGUE_FILE,
		checked.rubrics.map((r) => r.rubric)
	);
	const problems = [...checked.problems, ...(catalogue.ok ? [] : catalogue.problems)];
	if (problems.length > 0 || !catalogue.ok) throw new content.ContentImportError(problems);
	const contentReport = content.publish(checked.rubrics, checked.scenarios);
	const created: string[] = [];
	const team =
		db.select().from(teams).where(eq(teams.name, DEMO_TEAM)).get() ??
		teamModule.create(DEMO_TEAM, null);
	if (!team) throw new Error(`could not create the team ${DEMO_TEAM}`);

	for (const demo of demoUsers) {
		if (users.getByUsername(demo.username)) continue;
		await users.create({
			username: demo.username,
			displayName: demo.displayName,
			password,
			role: demo.role,
			teamId: demo.inTeam ? team.id : null
		});
		created.push(demo.username);
	}
	const supervisor = users.getByUsername('supervisor1');
	if (supervisor && team.supervisorId === null) {
		db.update(teams).set({ supervisorId: supervisor.id }).where(eq(teams.id, team.id)).run();
	}
	// trainee1 has two assignments: the rude call to certify, and the disputed fee to practise.
	const trainee = users.getByUsername('trainee1');
	const day = 24 * 60 * 60 * 1000;
	const demoAssignments = [
		{
			scenarioKey: 'rude-call',
			mode: 'certification' as const,
			dueAt: new Date(Date.now() + 7 * day)
		},
		{
			scenarioKey: 'disputed-fee',
			mode: 'practice' as const,
			dueAt: new Date(Date.now() + 14 * day)
		}
	];
	for (const a of trainee ? demoAssignments : []) {
		const exists = db
			.select({ id: assignments.id })
			.from(assignments)
			.where(
				and(
					eq(assignments.userId, trainee!.id),
					eq(assignments.scenarioKey, a.scenarioKey),
					eq(assignments.mode, a.mode)
				)
			)
			.get();
		if (!exists)
			db.insert(assignments)
				.values({ ...a, userId: trainee!.id, assignedBy: supervisor?.id ?? null })
				.run();
	}

	// The default rulebook, published by the team's supervisor.
	// Published five weeks ago (on first seeding), so the demo history falls under it.
	criteria.publishCatalogue(catalogue.catalogue, new Date(Date.now() - 35 * day));
	seedHistory();
	seedCalibration();
	// After the history, so that none of its past attempts is counted against it.
	seedTeamAssignment(team.id, new Date());

	const logins = demoUsers.map(({ username }) => {
		const row = db
			.select({ role: userTable.role })
			.from(userTable)
			.where(eq(userTable.username, username))
			.get();
		return { username, role: row?.role ?? 'trainee' };
	});
	return { created, logins, content: contentReport };
}

/**
 * supervisor1 gives the whole team the missed appointment to practise, with a note, once: through
 * the real domain, so it is audited like any other.
 */
function seedTeamAssignment(teamId: number, at: Date) {
	const supervisor = users.getByUsername('supervisor1');
	if (!supervisor) return;
	const given = getDb()
		.select({ id: assignments.id })
		.from(assignments)
		.where(and(eq(assignments.teamId, teamId), eq(assignments.assignedBy, supervisor.id)))
		.get();
	if (given) return;
	try {
		assigning.create(
			supervisor,
			{
				scenario: { key: 'missed-appointment', version: null },
				target: { teamId },
				mode: 'practice',
				dueAt: new Date(at.getTime() + 10 * 24 * 60 * 60 * 1000),
				note: 'Focus on owning the follow-up: say what you will do, and by when. 重点练习主动跟进：说清楚你会做什么、什么时候做完。'
			},
			at
		);
	} catch (e) {
		// A team left with no active trainee (an admin disabled them) has nothing to be given.
		if (!(e instanceof assigning.AssignmentRefused)) throw e;
	}
}
