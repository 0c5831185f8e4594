import type { Bilingual } from './rubric';

/** A match the rules found and then set aside themselves, and why. */
export type SetAside = {
	start: number;
	end: number;
	why: 'negated' | 'exception' | 'quoted' | 'rules_out';
};

/** A promise the scenario's authority excuses: the span and the allowed offer it names. */
export type Authorised = { start: number; end: number; label: Bilingual };

/** How the scorer decided one criterion, as `assessReply` saw it. */
export type CriterionTrace = {
	/** The rules' own score: 0 when they found nothing (or set everything aside). */
	rule: number;
	/** The learned model's probability, or null when it was not asked (no model, or excused). */
	probability: number | null;
	/** Rules and model combined by the stacker (for a dimension, before any voiding). */
	confidence: number;
	/** A decisive rule found it: it stands whatever the model says. */
	decisive: boolean;
	setAside: SetAside[];
	/** What the rules found and kept (a violation's found spans are its evidence when it is raised). */
	found: { start: number; end: number }[];
	/** Violations only: promises of what the scenario allows, so not beyond authority. */
	authorised: Authorised[];
	/** Violations only: not looked for, because the reply shows this dimension. */
	shownInstead?: string;
	/** Dimensions only: the counted violation that voided its credit. */
	voidedBy?: string;
};

/** What `assessReply` fills in when given one: every criterion's decision, from the engine itself. */
export type AssessmentTrace = {
	/** Whether a learned model scored beside the rules. */
	model: boolean;
	criteria: Record<string, CriterionTrace>;
};

export const newTrace = (): AssessmentTrace => ({ model: false, criteria: {} });

/** One criterion's trace; `shownInstead` and `voidedBy` are added where they apply. */
export const traced = (
	rule: number,
	probability: number | null,
	confidence: number,
	floor: number,
	found: { start: number; end: number }[] = [],
	setAside: SetAside[] = [],
	authorised: Authorised[] = []
): CriterionTrace => ({
	rule,
	probability,
	confidence,
	decisive: floor > 0,
	found: found.map(({ start, end }) => ({ start, end })),
	setAside,
	authorised
});
