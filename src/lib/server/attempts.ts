import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import {
	compileScenario,
	replyContext,
	sendReply,
	type ActiveState,
	startAttempt,
	type CompiledScenario,
	type PersistedAttempt,
	type Scenario
} from '../engine/scenario';
import {
	assessReply,
	attemptScore,
	compileAuthority,
	expectedAverages,
	loadRubric,
	type CompiledAuthority,
	type ReplyContext,
	MAX_REPLY_LENGTH,
	toGuardAssessment,
	type Assessment,
	type CompiledRubric
} from '../engine/scoring';
import { canReadAttempt } from './access';
import { formatProblem } from '../engine/source';
import { logger } from './logger';
import type { SessionUser } from './auth';
import { getDb, write, type Db, type DbOrTx } from './db';
import * as ledger from './ledger';
import {
	assignments,
	attempts,
	rubricVersions,
	scenarioVersions,
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

/** The assignment asked for is not open: withdrawn, completed, or not the user's. */
export class AssignmentClosed extends NotAllowed {}

/** A scenario version compiled once: its machine, and the authority its replies are scored with. */
type Prepared = CompiledScenario & { authority: CompiledAuthority };
const compiledScenarios = new Map<number, Prepared>();
const compiledRubrics = new Map<number, CompiledRubric>();

/** The compiled machine of a scenario version; the document is read only the first time. */
function compiledScenario(tx: DbOrTx, versionId: number, document?: Scenario): Prepared {
	let compiled = compiledScenarios.get(versionId);
	if (!compiled) {
		const doc =
			document ??
			tx
				.select({ document: scenarioVersions.document })
				.from(scenarioVersions)
				.where(eq(scenarioVersions.id, versionId))
				.get()!.document;
		compiled = { ...compileScenario(doc), authority: compileAuthority(doc.authority) };
		compiledScenarios.set(versionId, compiled);
	}
	return compiled;
}

export function compiledRubric(tx: DbOrTx, versionId: number): CompiledRubric {
	let rubric = compiledRubrics.get(versionId);
	if (!rubric) {
		const row = tx.select().from(rubricVersions).where(eq(rubricVersions.id, versionId)).get();
		if (!row) throw new Error(`rubric version ${versionId} is missing`);
		const model = row.model && row.modelFile ? { file: row.modelFile, text: row.model } : undefined;
		const loaded = loadRubric(row.sourceFile, row.source, model);
		if (!loaded.ok) throw new Error(`rubric version ${versionId} no longer loads`);
		// A model that cannot be used leaves the rules to score alone: said once, never a crash.
		for (const problem of loaded.warnings)
			logger.warn(
				{ rubricVersion: versionId, problem: formatProblem(problem) },
				'rubric model not used'
			);
		rubric = loaded.rubric;
		compiledRubrics.set(versionId, rubric);
	}
	return rubric;
}

/**
 * The open assignment of a user for a scenario in a mode, if there is one (`assignmentId` asks for
 * that one). A certification assignment is played once: an attempt on it, finished or not, takes
 * it; a practice assignment stays open until one attempt on it is finished. A withdrawn one is
 * never open.
 */
export function openAssignment(
	userId: number,
	scenarioKey: string,
	mode: AttemptMode,
	db: DbOrTx = getDb(),
	assignmentId?: number
) {
	const rows = db
		.select()
		.from(assignments)
		.where(
			and(
				eq(assignments.userId, userId),
				eq(assignments.scenarioKey, scenarioKey),
				eq(assignments.mode, mode),
				isNull(assignments.withdrawnAt),
				assignmentId === undefined ? undefined : eq(assignments.id, assignmentId)
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
					.where(
						mode === 'certification'
							? eq(attempts.assignmentId, a.id)
							: and(eq(attempts.assignmentId, a.id), eq(attempts.done, true))
					)
					.get()
		) ?? null
	);
}

/** The unfinished certification attempt of a user on a scenario, to resume instead of starting again. */
function openCertification(db: DbOrTx, userId: number, scenarioKey: string) {
	return (
		db
			.select({ attempt: attempts })
			.from(attempts)
			.innerJoin(scenarioVersions, eq(attempts.scenarioVersionId, scenarioVersions.id))
			.leftJoin(assignments, eq(attempts.assignmentId, assignments.id))
			.where(
				and(
					eq(attempts.userId, userId),
					eq(attempts.mode, 'certification'),
					eq(attempts.done, false),
					eq(scenarioVersions.key, scenarioKey),
					// A withdrawn assignment is not resumed from the practice page either.
					isNull(assignments.withdrawnAt)
				)
			)
			.get()?.attempt ?? null
	);
}

export type Started = {
	attempt: Attempt;
	customer: { zh: string; en: string };
	/** True when an unfinished certification was resumed rather than a new attempt started. */
	resumed: boolean;
};

/**
 * Starts an attempt on a scenario: the version its assignment pins, else the newest. Practice is
 * always allowed; certification only against an open certification assignment, once, with the
 * fixed line variants: asking again while one is unfinished resumes it. `assignmentId` starts
 * that assignment, which must be the user's and open.
 */
export function start(
	user: SessionUser,
	scenarioKey: string,
	mode: AttemptMode,
	now = new Date(),
	assignmentId?: number
): Started | null {
	const db = getDb();
	const assigned = openAssignment(user.id, scenarioKey, mode, db, assignmentId);
	const pinned = assigned?.scenarioVersionId ?? null;
	const version = db
		.select()
		.from(scenarioVersions)
		.where(
			pinned === null ? eq(scenarioVersions.key, scenarioKey) : eq(scenarioVersions.id, pinned)
		)
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
	const seed = mode === 'certification' ? 0 : Math.floor(Math.random() * 2 ** 31);
	const compiled = compiledScenario(db, version.id, version.document);
	const { snapshot, step } = startAttempt(compiled, seed);
	return write((tx) => {
		if (mode === 'certification') {
			const open = openCertification(tx, user.id, scenarioKey);
			if (open) {
				const first = tx
					.select({ line: turns.line })
					.from(turns)
					.where(and(eq(turns.attemptId, open.id), eq(turns.index, 0)))
					.get();
				return { attempt: open, customer: first!.line!, resumed: true };
			}
		}
		const assignment = openAssignment(user.id, scenarioKey, mode, tx, assignmentId);
		if (assignmentId !== undefined && !assignment)
			throw new AssignmentClosed('this assignment is not open');
		if (mode === 'certification' && !assignment) {
			throw new NotAllowed('certification needs an open assignment for this scenario');
		}
		// Read again under the write lock: the version chosen above must still be the one it pins.
		if ((assignment?.scenarioVersionId ?? null) !== pinned)
			throw new AssignmentClosed('the assignment changed while the attempt was starting');
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
		return { attempt, customer: step.customer!, resumed: false };
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
	if (!row || !canReadAttempt(user, row.owner.id, db)) return null;
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

export type ReplyResult = {
	assessment: Assessment;
	customer: { zh: string; en: string } | null;
	state: string;
	done: boolean;
	outcome: string | null;
	mood: number;
	mode: AttemptMode;
	/** True when this reply had been stored already (a resubmission): nothing new was written. */
	repeated: boolean;
};

type Scorer = (text: string, rubric: CompiledRubric, context: ReplyContext) => Assessment;
const defaultScorer: Scorer = (text, rubric, context) => assessReply(text, { rubric, ...context });

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
	// A lone surrogate would be stored altered, and the same reply sent again would then differ.
	text = text.toWellFormed();
	if (text.trim().length === 0) throw new ReplyRejected('empty');
	if (text.length > MAX_REPLY_LENGTH) throw new ReplyRejected('too_long');
	const now = options.now ?? new Date();
	const scorer = options.scorer ?? defaultScorer;
	const db = getDb();
	const q = statements(db);
	// better-sqlite3's own transaction (cached BEGIN IMMEDIATE/COMMIT) around prepared statements:
	// this is the hot path of every reply. Moving to PostgreSQL means an async transaction here.
	return db.$client
		.transaction((): ReplyResult | null => {
			const attempt = q.attempt.get({ id: attemptId });
			if (!attempt || attempt.userId !== user.id) return null;

			const earlier = q.reply.get({ attemptId, turn });
			if (earlier) {
				if (earlier.text !== text) throw new TurnConflict(attempt.replies, 'different_text');
				const answer = q.turnAt.get({ attemptId, index: earlier.index + 1 });
				return {
					assessment: earlier.assessment!,
					customer: answer?.line ?? null,
					state: attempt.state,
					done: attempt.done,
					outcome: attempt.outcome,
					mood: attempt.mood,
					mode: attempt.mode,
					repeated: true
				};
			}
			if (attempt.done) throw new TurnConflict(attempt.replies, 'finished');
			if (turn !== attempt.replies) throw new TurnConflict(attempt.replies, 'wrong_turn');

			const compiled = compiledScenario(db, attempt.scenarioVersionId);
			const rubric = compiledRubric(db, attempt.rubricVersionId);
			// Scored for the moment of the conversation it answers: what this state expects, and
			// what the agent may offer in this scenario.
			const state = compiled.scenario.states[attempt.state] as ActiveState;
			const assessment = scorer(text, rubric, replyContext(state, turn + 1, compiled.authority));
			const { snapshot, step } = sendReply(
				compiled,
				attempt.snapshot as PersistedAttempt,
				toGuardAssessment(assessment)
			);

			const lastIndex = q.lastIndex.get({ attemptId })!.index;
			q.insertTurn.run({
				attemptId,
				index: lastIndex + 1,
				speaker: 'trainee',
				replyIndex: turn,
				text,
				line: null,
				assessment: JSON.stringify(assessment),
				responseMs: options.responseMs ?? null,
				createdAt: now.getTime()
			});
			if (step.customer) {
				q.insertTurn.run({
					attemptId,
					index: lastIndex + 2,
					speaker: 'customer',
					replyIndex: null,
					text: null,
					line: JSON.stringify(step.customer),
					assessment: null,
					responseMs: null,
					createdAt: now.getTime()
				});
			}
			const scoreTotal = attempt.scoreTotal + assessment.score;
			q.updateAttempt.run({
				id: attemptId,
				snapshot: JSON.stringify(snapshot),
				state: step.state,
				mood: step.mood,
				replies: turn + 1,
				done: step.done ? 1 : 0,
				outcome: step.outcome,
				// The running mean while it goes on; at the end, capped by how the call ended.
				score: attemptScore(scoreTotal, turn + 1, step.done ? step.outcome : null, rubric),
				scoreTotal,
				endedAt: step.done ? now.getTime() : null
			});
			// The reply that ends a certification returns only after its ledger entries exist.
			if (step.done) ledger.proposeFromAttempt(db, q.attempt.get({ id: attemptId })!, now);
			return {
				assessment,
				customer: step.customer,
				state: step.state,
				done: step.done,
				outcome: step.outcome,
				mood: step.mood,
				mode: attempt.mode,
				repeated: false
			};
		})
		.immediate();
}

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
const statements = (db: Db) => {
	let q = prepared.get(db);
	if (!q) {
		q = prepare(db);
		prepared.set(db, q);
	}
	return q;
};

/** The reply path's statements, prepared once per connection (values written are driver values). */
function prepare(db: Db) {
	const p = sql.placeholder;
	return {
		attempt: db
			.select()
			.from(attempts)
			.where(eq(attempts.id, p('id')))
			.prepare(),
		reply: db
			.select()
			.from(turns)
			.where(and(eq(turns.attemptId, p('attemptId')), eq(turns.replyIndex, p('turn'))))
			.prepare(),
		turnAt: db
			.select()
			.from(turns)
			.where(and(eq(turns.attemptId, p('attemptId')), eq(turns.index, p('index'))))
			.prepare(),
		lastIndex: db
			.select({ index: turns.index })
			.from(turns)
			.where(eq(turns.attemptId, p('attemptId')))
			.orderBy(desc(turns.index))
			.limit(1)
			.prepare(),
		insertTurn: db.$client.prepare(
			`insert into turns (attempt_id, "index", speaker, reply_index, text, line, assessment, response_ms, created_at)
			 values (@attemptId, @index, @speaker, @replyIndex, @text, @line, @assessment, @responseMs, @createdAt)`
		),
		updateAttempt: db.$client.prepare(
			`update attempts set snapshot = @snapshot, state = @state, mood = @mood, replies = @replies, done = @done,
			 outcome = @outcome, score = @score, score_total = @scoreTotal, ended_at = @endedAt where id = @id`
		)
	};
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

/** A user's average per rubric dimension over the replies of their finished attempts that asked for it. */
export function dimensionAverages(userId: number): Record<string, number> {
	const rows = getDb()
		.select({ assessment: turns.assessment })
		.from(turns)
		.innerJoin(attempts, eq(turns.attemptId, attempts.id))
		.where(and(eq(attempts.userId, userId), eq(attempts.done, true), eq(turns.speaker, 'trainee')))
		.all();
	return expectedAverages(rows.flatMap((r) => (r.assessment ? [r.assessment] : [])));
}

/** The dimension titles of the newest published rubric, in both languages. */
export function publishedRubricTitles(): { id: string; title: { zh: string; en: string } }[] {
	const row = getDb()
		.select({ document: rubricVersions.document })
		.from(rubricVersions)
		.orderBy(desc(rubricVersions.id))
		.limit(1)
		.get();
	return (row?.document.dimensions ?? []).map((d) => ({ id: d.id, title: d.title }));
}

/** The violations of the newest published rubric: id, title and severity. */
export function publishedViolations(db: DbOrTx = getDb()) {
	const row = db
		.select({ document: rubricVersions.document })
		.from(rubricVersions)
		.orderBy(desc(rubricVersions.id))
		.limit(1)
		.get();
	return (row?.document.violations ?? []).map((v) => ({
		id: v.id,
		title: v.title,
		severity: v.severity
	}));
}

/** The violation titles of the newest published rubric, by id: how the rulebook names them. */
export function publishedViolationTitles(): Record<string, { zh: string; en: string }> {
	return Object.fromEntries(publishedViolations().map((v) => [v.id, v.title]));
}

/** The newest published rubric version (the one new attempts are scored with). */
export function publishedRubric() {
	return (
		getDb()
			.select({
				version: rubricVersions.version,
				document: rubricVersions.document,
				hasModel: sql<boolean>`${rubricVersions.model} is not null`
			})
			.from(rubricVersions)
			.orderBy(desc(rubricVersions.id))
			.limit(1)
			.get() ?? null
	);
}
