import { SourceFile, type PathKey, type Problem } from '../source';
import { guardIds, parseGuard, type Guard, type GuardProblem } from './guards';
import { scenarioSchema, type Bilingual, type Outcome, type ScenarioDocument } from './schema';

export type Transition = { guard: Guard | null; to: string; mood: number; best: boolean };
export type ActiveState = {
	id: string;
	final: false;
	customer: Bilingual[];
	ideal: Bilingual;
	/** The dimensions judged here, or null for the rubric's default. */
	expects: string[] | null;
	on: Transition[];
};
export type FinalState = { id: string; final: true; outcome: Outcome; text: Bilingual };
export type ScenarioState = ActiveState | FinalState;

export type Scenario = Omit<ScenarioDocument, 'guards' | 'states'> & {
	states: Record<string, ScenarioState>;
};

/** The ids a scenario's guards may name: those of its rubric. */
export type RubricIds = { dimensions: readonly string[]; violations: readonly string[] };

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Parses, validates and cross-checks one scenario file; every problem is located. */
export function loadScenario(file: string, text: string, rubricIds?: RubricIds): LoadResult {
	const source = new SourceFile(file, text);
	const validated = source.validate(scenarioSchema);
	if (!validated.ok) return validated;
	const doc = validated.data;
	const problems: Problem[] = [];
	const at = (path: PathKey[], message: string) => problems.push(source.problemAt(path, message));

	const stateIds = Object.keys(doc.states);
	if (!(doc.start in doc.states)) at(['start'], `unknown state "${doc.start}"`);
	const states: Record<string, ScenarioState> = {};

	for (const [id, raw] of Object.entries(doc.states)) {
		const path = ['states', id];
		if (raw.outcome !== undefined) {
			for (const field of ['customer', 'ideal', 'on'] as const) {
				if (raw[field] !== undefined)
					at([...path, field], `a final state (with an outcome) has no ${field}`);
			}
			if (!raw.text) at(path, 'a final state needs its outcome text');
			else states[id] = { id, final: true, outcome: raw.outcome, text: raw.text };
			continue;
		}
		if (!raw.customer) at(path, "missing the customer's line (customer)");
		if (!raw.ideal) at(path, 'missing the ideal reply (ideal)');
		if (raw.text) at([...path, 'text'], 'only final states have an outcome text');
		if (!raw.on) {
			at(path, 'missing transitions (on), ending with otherwise');
			continue;
		}
		const on: Transition[] = [];
		raw.on.forEach((t, i) => {
			const tPath = [...path, 'on', i];
			const last = i === raw.on!.length - 1;
			if (!(t.to in doc.states)) at([...tPath, 'to'], `unknown state "${t.to}"`);
			if (t.otherwise) {
				if (t.guard !== undefined) at([...tPath, 'guard'], 'otherwise takes no guard');
				if (!last) at([...tPath, 'otherwise'], 'otherwise must be the last transition');
				on.push({ guard: null, to: t.to, mood: t.mood ?? 0, best: t.best ?? false });
				return;
			}
			if (t.guard === undefined) {
				at(tPath, 'a transition needs a guard, or otherwise: true');
				return;
			}
			const guardProblems: GuardProblem[] = [];
			const guard = parseGuard(t.guard, [...tPath, 'guard'], doc.guards ?? {}, guardProblems);
			for (const p of guardProblems) at(p.path, p.message);
			if (guard && rubricIds) checkIds(guard, [...tPath, 'guard'], rubricIds, doc.rubric, at);
			if (guard) on.push({ guard, to: t.to, mood: t.mood ?? 0, best: t.best ?? false });
		});
		if (raw.on.filter((t) => t.best).length > 1)
			at([...path, 'on'], 'at most one transition of a state is marked best');
		raw.expects?.forEach((d, i) => {
			if (rubricIds && !rubricIds.dimensions.includes(d))
				at([...path, 'expects', i], `rubric "${doc.rubric}" has no dimension "${d}"`);
		});
		if (!raw.on.at(-1)?.otherwise)
			at(
				[...path, 'on'],
				'missing otherwise: the last transition must be { otherwise: true, to: … }'
			);
		if (raw.customer && raw.ideal) {
			states[id] = {
				id,
				final: false,
				customer: Array.isArray(raw.customer) ? raw.customer : [raw.customer],
				ideal: raw.ideal,
				expects: raw.expects ?? null,
				on
			};
		}
	}
	if (stateIds.length > 0 && !Object.values(doc.states).some((s) => s.outcome !== undefined)) {
		at(['states'], 'a scenario needs at least one final state (with an outcome)');
	}
	if (problems.length > 0) return { ok: false, problems };
	const { guards: _guards, states: _states, ...rest } = doc;
	return { ok: true, scenario: { ...rest, states } };
}

function checkIds(
	guard: Guard,
	path: PathKey[],
	ids: RubricIds,
	rubric: string,
	at: (path: PathKey[], message: string) => void
) {
	const used = guardIds(guard);
	for (const d of used.dimensions) {
		if (!ids.dimensions.includes(d)) at(path, `rubric "${rubric}" has no dimension "${d}"`);
	}
	for (const v of used.violations) {
		if (!ids.violations.includes(v)) at(path, `rubric "${rubric}" has no violation "${v}"`);
	}
}
