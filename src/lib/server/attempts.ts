import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import {
	compileScenario,
	sendReply,
	startAttempt,
	type CompiledScenario,
	type PersistedAttempt,
	type Scenario
} from '../engine/scenario';
import {
	assessReply,
	loadRubric,
	MAX_REPLY_LENGTH,
	toGuardAssessment,
	type Assessment,
	type CompiledRubric
} from '../engine/scoring';
import type { SessionUser } from './auth';
import { getDb, type Tx } from './db';
import {
	assignments,
	attempts,
	rubricVersions,
	scenarioVersions,
	teams,
	turns,
	users,
	type Attempt,
	type AttemptMode,
	type Turn
} from './db/schema';

/** A reply the trainee must fix before it counts: nothing was stored, the turn is not used up. */
export class ReplyRejected extends Error {
	constructor(readonly reason: 'empty' | 'too_long') {
		super(
			reason === 'empty'
				? 'the reply is empty'
				: `the reply is longer than ${MAX_REPLY_LENGTH} characters`
		);
	}
}

/** The reply does not fit where the attempt is: already answered differently, or not its turn. */
export class TurnConflict extends Error {
	constructor(
		readonly expected: number,
		readonly reason: 'different_text' | 'wrong_turn' | 'finished'
	) {
		super(`this attempt expects reply ${expected}`);
	}
}

/** The attempt cannot be started in that mode (certification needs an assignment). */
export class NotAllowed extends Error {}

const compiledScenarios = new Map<number, CompiledScenario>();
const compiledRubrics = new Map<number, CompiledRubric>();

function compiledScenario(versionId: number, document: Scenario): CompiledScenario {
	let compiled = compiledScenarios.get(versionId);
	if (!compiled) {
		compiled = compileScenario(document);
		compiledScenarios.set(versionId, compiled);
	}
	return compiled;
}

function compiledRubric(tx: Tx, versionId: number): CompiledRubric {
	let rubric = compiledRubrics.get(versionId);
	if (!rubric) {
		const row = tx.select().from(rubricVersions).where(eq(rubricVersions.id, versionId)).get();
		if (!row) throw new Error(`rubric version ${versionId} is missing`);
		const loaded = loadRubric(row.sourceFile, row.source);
		if (!loaded.ok) throw new Error(`rubric version ${versionId} no longer loads`);
		rubric = loaded.rubric;
		compiledRubrics.set(versionId, rubric);
	}
	return rubric;
}

/** The open assignment of a user for a scenario in a mode, if there is one. */
export function openAssignment(userId: number, scenarioKey: string, mode: AttemptMode) {
	const db = getDb();
	const rows = db
		.select()
		.from(assignments)
		.where(
			and(
				eq(assignments.userId, userId),
				eq(assignments.scenarioKey, scenarioKey),
				eq(assignments.mode, mode)
			)
		)
		.orderBy(asc(assignments.dueAt))
		.all();
	return (
		rows.find(
			(a) =>
				!db
					.select({ id: attempts.id })
					.from(attempts)
					.where(and(eq(attempts.assignmentId, a.id), eq(attempts.done, true)))
					.get()
		) ?? null
	);
}

export type Started = { attempt: Attempt; customer: { zh: string; en: string } };

/**
 * Starts an attempt on the newest version of a scenario. Practice is always allowed;
 * certification only against an open certification assignment, with the fixed line variants.
 */
export function start(
	user: SessionUser,
	scenarioKey: string,
	mode: AttemptMode,
	now = new Date()
): Started | null {
	const db = getDb();
	const version = db
		.select()
		.from(scenarioVersions)
		.where(eq(scenarioVersions.key, scenarioKey))
		.orderBy(desc(scenarioVersions.version))
		.limit(1)
		.get();
	if (!version) return null;
	const rubric = db
		.select({ id: rubricVersions.id })
		.from(rubricVersions)
		.where(eq(rubricVersions.key, version.rubricKey))
		.orderBy(desc(rubricVersions.version))
		.limit(1)
		.get();
	if (!rubric) throw new Error(`no published rubric "${version.rubricKey}"`);
	const assignment = openAssignment(user.id, scenarioKey, mode);
	if (mode === 'certification' && !assignment) {
		throw new NotAllowed('certification needs an assignment for this scenario');
	}
	const seed = mode === 'certification' ? 0 : Math.floor(Math.random() * 2 ** 31);
	const compiled = compiledScenario(version.id, version.document);
	const { snapshot, step } = startAttempt(compiled, seed);
	return db.transaction((tx) => {
		const attempt = tx
			.insert(attempts)
			.values({
				userId: user.id,
				scenarioVersionId: version.id,
				rubricVersionId: rubric.id,
				assignmentId: assignment?.id ?? null,
				mode,
				seed,
				snapshot,
				state: step.state,
				mood: step.mood,
				startedAt: now
			})
			.returning()
			.get();
		tx.insert(turns)
			.values({
				attemptId: attempt.id,
				index: 0,
				speaker: 'customer',
				line: step.customer,
				createdAt: now
			})
			.run();
		return { attempt, customer: step.customer! };
	});
}

export type AttemptView = {
	attempt: Attempt;
	scenario: Scenario;
	scenarioVersion: number;
	owner: { id: number; username: string; displayName: string };
	turns: Turn[];
};

/**
 * An attempt as `user` may see it: its trainee, the trainee's supervisor, trainers and admins.
 * Anyone else gets null, as if it did not exist.
 */
export function get(user: SessionUser, attemptId: number): AttemptView | null {
	const db = getDb();
	const row = db
		.select({
			attempt: attempts,
			document: scenarioVersions.document,
			version: scenarioVersions.version,
			owner: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				teamId: users.teamId
			}
		})
		.from(attempts)
		.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
		.innerJoin(users, eq(attempts.userId, users.id))
		.where(eq(attempts.id, attemptId))
		.get();
	if (!row || !canRead(user, row.owner)) return null;
	const { id, username, displayName } = row.owner;
	const owner = { id, username, displayName };
	return {
		attempt: row.attempt,
		scenario: row.document,
		scenarioVersion: row.version,
		owner,
		turns: db
			.select()
			.from(turns)
			.where(eq(turns.attemptId, attemptId))
			.orderBy(asc(turns.index))
			.all()
	};
}

function canRead(user: SessionUser, owner: { id: number; teamId: number | null }): boolean {
	if (user.id === owner.id || user.role === 'trainer' || user.role === 'admin') return true;
	if (user.role !== 'supervisor' || owner.teamId === null) return false;
	const team = getDb()
		.select({ supervisorId: teams.supervisorId })
		.from(teams)
		.where(eq(teams.id, owner.teamId))
		.get();
	return team?.supervisorId === user.id;
}

export type ReplyResult = {
	assessment: Assessment;
	customer: { zh: string; en: string } | null;
	state: string;
	done: boolean;
	outcome: string | null;
	mood: number;
	/** True when this reply had been stored already (a resubmission): nothing new was written. */
	repeated: boolean;
};

type Scorer = (text: string, rubric: CompiledRubric) => Assessment;
const defaultScorer: Scorer = (text, rubric) => assessReply(text, { rubric });

/**
 * One trainee reply, server-authoritative: restores the machine from the stored snapshot, scores
 * the reply, moves the conversation on and stores the reply, the customer's answer, the new
 * snapshot and the running score in one transaction. `turn` is the number of replies already sent;
 * the same turn with the same text returns the stored result, with other text it is a conflict.
 */
export function reply(
	user: SessionUser,
	attemptId: number,
	turn: number,
	text: string,
	options: { responseMs?: number | null; now?: Date; scorer?: Scorer } = {}
): ReplyResult | null {
	if (text.trim().length === 0) throw new ReplyRejected('empty');
	if (text.length > MAX_REPLY_LENGTH) throw new ReplyRejected('too_long');
	const now = options.now ?? new Date();
	const scorer = options.scorer ?? defaultScorer;
	const db = getDb();
	return db.transaction((tx) => {
		const attempt = tx.select().from(attempts).where(eq(attempts.id, attemptId)).get();
		if (!attempt || attempt.userId !== user.id) return null;

		const earlier = tx
			.select()
			.from(turns)
			.where(and(eq(turns.attemptId, attemptId), eq(turns.replyIndex, turn)))
			.get();
		if (earlier) {
			if (earlier.text !== text) throw new TurnConflict(attempt.replies, 'different_text');
			const answer = tx
				.select()
				.from(turns)
				.where(and(eq(turns.attemptId, attemptId), eq(turns.index, earlier.index + 1)))
				.get();
			return {
				assessment: earlier.assessment!,
				customer: answer?.line ?? null,
				state: attempt.state,
				done: attempt.done,
				outcome: attempt.outcome,
				mood: attempt.mood,
				repeated: true
			};
		}
		if (attempt.done) throw new TurnConflict(attempt.replies, 'finished');
		if (turn !== attempt.replies) throw new TurnConflict(attempt.replies, 'wrong_turn');

		const version = tx
			.select()
			.from(scenarioVersions)
			.where(eq(scenarioVersions.id, attempt.scenarioVersionId))
			.get()!;
		const compiled = compiledScenario(version.id, version.document);
		const assessment = scorer(text, compiledRubric(tx, attempt.rubricVersionId));
		const { snapshot, step } = sendReply(
			compiled,
			attempt.snapshot as PersistedAttempt,
			toGuardAssessment(assessment)
		);

		const lastIndex = tx
			.select({ index: turns.index })
			.from(turns)
			.where(eq(turns.attemptId, attemptId))
			.orderBy(desc(turns.index))
			.limit(1)
			.get()!.index;
		tx.insert(turns)
			.values({
				attemptId,
				index: lastIndex + 1,
				speaker: 'trainee',
				replyIndex: turn,
				text,
				assessment,
				responseMs: options.responseMs ?? null,
				createdAt: now
			})
			.run();
		if (step.customer) {
			tx.insert(turns)
				.values({
					attemptId,
					index: lastIndex + 2,
					speaker: 'customer',
					line: step.customer,
					createdAt: now
				})
				.run();
		}
		const scores = tx
			.select({ assessment: turns.assessment })
			.from(turns)
			.where(and(eq(turns.attemptId, attemptId), gt(turns.index, 0), isNull(turns.line)))
			.all()
			.map((t) => t.assessment?.score ?? 0);
		const score = Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
		tx.update(attempts)
			.set({
				snapshot,
				state: step.state,
				mood: step.mood,
				replies: turn + 1,
				done: step.done,
				outcome: step.outcome,
				score,
				endedAt: step.done ? now : null
			})
			.where(eq(attempts.id, attemptId))
			.run();
		return {
			assessment,
			customer: step.customer,
			state: step.state,
			done: step.done,
			outcome: step.outcome,
			mood: step.mood,
			repeated: false
		};
	});
}

/** A trainee's own attempts, newest first. */
export function listFor(userId: number) {
	return getDb()
		.select({
			id: attempts.id,
			mode: attempts.mode,
			done: attempts.done,
			outcome: attempts.outcome,
			score: attempts.score,
			startedAt: attempts.startedAt,
			endedAt: attempts.endedAt,
			scenarioKey: scenarioVersions.key,
			version: scenarioVersions.version,
			titleEn: scenarioVersions.titleEn,
			titleZh: scenarioVersions.titleZh
		})
		.from(attempts)
		.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
		.where(eq(attempts.userId, userId))
		.orderBy(desc(attempts.startedAt), desc(attempts.id))
		.all();
}

/** The rubric an attempt is scored with, as published (titles, tips, definitions). */
export function rubricOf(attempt: Attempt) {
	return getDb()
		.select()
		.from(rubricVersions)
		.where(eq(rubricVersions.id, attempt.rubricVersionId))
		.get()!.document;
}
