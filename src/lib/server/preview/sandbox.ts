/**
 * The scoring sandbox: any reply scored against the rubric in force, alone or in a scenario state
 * (its expectations and authority), with every criterion explained. Nothing is stored.
 */
import { desc } from 'drizzle-orm';
import { replyContext, type ActiveState } from '../../engine/scenario';
import { assessAndExplain, readable } from '../../engine/scoring';
import { canAuthorContent, type Actor } from '../access';
import { getDb } from '../db';
import { rubricVersions } from '../db/schema';
import * as scenarios from '../scenarios';
import { stateChoices, type StateChoice } from './play';
import { ofVersion, rubricInForce, PreviewForbidden } from './subject';

export type SandboxScenario = {
	key: string;
	version: number;
	title: { zh: string; en: string };
	states: StateChoice[];
};

/** The published scenarios (newest versions) and their states, to score a reply in. */
export function choices(actor: Actor): SandboxScenario[] {
	if (!canAuthorContent(actor))
		throw new PreviewForbidden('the sandbox is for trainers and admins');
	return scenarios.listLatest().flatMap((row) => {
		const subject = ofVersion(actor, row.key, row.version);
		if (!subject?.ok) return [];
		return [
			{
				key: row.key,
				version: row.version,
				title: row.document.title,
				states: stateChoices(subject)
			}
		];
	});
}

export type SandboxInput = { text: string; context: string; turn: 'first' | 'later' };

/**
 * Scores a reply: in "key/state" with that state's expectations and the scenario's authority, or
 * with the rubric's defaults for a first or later reply. Null when the scenario or state is unknown.
 */
export function score(actor: Actor, input: SandboxInput) {
	if (!canAuthorContent(actor))
		throw new PreviewForbidden('the sandbox is for trainers and admins');
	const turn = input.turn === 'first' ? 1 : 2;
	if (input.context) {
		const [key, stateId] = input.context.split('/');
		const subject = ofVersion(actor, key, undefined);
		const state = subject?.ok ? subject.compiled.scenario.states[stateId] : undefined;
		if (!subject?.ok || !state || state.final) return null;
		const context = replyContext(state as ActiveState, turn, subject.authority);
		const result = assessAndExplain(input.text, { rubric: subject.rubric, ...context });
		return {
			assessment: readable(result.assessment),
			explanation: result.explanation,
			rubric: { key: subject.rubric.key, version: subject.rubricVersion },
			scenario: { key, title: subject.compiled.scenario.title, state: stateId }
		};
	}
	const newest = getDb()
		.select({ key: rubricVersions.key })
		.from(rubricVersions)
		.orderBy(desc(rubricVersions.id))
		.limit(1)
		.get();
	const inForce = newest ? rubricInForce(newest.key) : null;
	if (!inForce) return null;
	const result = assessAndExplain(input.text, { rubric: inForce.rubric, turn });
	return {
		assessment: readable(result.assessment),
		explanation: result.explanation,
		rubric: { key: inForce.rubric.key, version: inForce.version },
		scenario: null
	};
}
