import fs from 'node:fs';
import type { CompiledRubric } from '../engine/scoring';
import { SourceFile, type PathKey, type Problem } from '../engine/source';
import { catalogueSchema, type Catalogue, type Clause } from '../engine/rulebook/schema';

export const CATALOGUE_FILE = 'scenarios/criteria/catalogue.yaml';

export type CatalogueLoad = { ok: true; catalogue: Catalogue } | { ok: false; problems: Problem[] };

const PENALTY_TRIGGERS: readonly Clause['trigger']['type'][] = ['certification_critical_violation'];

/**
 * Reads, validates and cross-checks the rulebook catalogue; every problem is located. Given the
 * project's rubrics, the violations a trigger names are checked against them too.
 */
export function loadCatalogue(
	file = CATALOGUE_FILE,
	rubrics?: readonly CompiledRubric[]
): CatalogueLoad {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
		return {
			ok: false,
			problems: [{ file, line: 1, col: 1, path: '', message: `cannot read the file (${reason})` }]
		};
	}
	const source = new SourceFile(file, text);
	const validated = source.validate(catalogueSchema);
	if (!validated.ok) return validated;
	const catalogue = validated.data;
	const problems: Problem[] = [];
	const at = (path: PathKey[], message: string) => problems.push(source.problemAt(path, message));

	const codes = new Map<string, number>();
	catalogue.clauses.forEach((clause, i) => {
		const path = ['clauses', i];
		const earlier = codes.get(clause.code);
		if (earlier !== undefined) {
			const line = source.problemAt(['clauses', earlier, 'code'], '').line;
			at(
				[...path, 'code'],
				`duplicate clause code "${clause.code}" (also clauses[${earlier}] on line ${line})`
			);
		} else codes.set(clause.code, i);

		const penaltyCode = clause.code.startsWith('P-');
		if ((clause.kind === 'penalty') !== penaltyCode)
			at(
				[...path, 'kind'],
				`a clause coded ${clause.code} is a ${penaltyCode ? 'penalty' : 'reward'}`
			);
		const penaltyTrigger = PENALTY_TRIGGERS.includes(clause.trigger.type);
		if ((clause.kind === 'penalty') !== penaltyTrigger)
			at(
				[...path, 'trigger', 'type'],
				`a ${clause.kind} cannot have the trigger ${clause.trigger.type}: ` +
					(penaltyTrigger
						? 'violations are penalised, never rewarded'
						: 'penalties come only from critical violations')
			);

		checkDates(clause, path, at);
		checkTeams(clause.teams, [...path, 'teams'], at);
		if (rubrics && clause.trigger.type === 'certification_critical_violation')
			clause.trigger.violations.forEach((id, j) =>
				checkViolation(id, [...path, 'trigger', 'violations', j], rubrics, at)
			);
	});
	return problems.length > 0 ? { ok: false, problems } : { ok: true, catalogue };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

type At = (path: PathKey[], message: string) => void;

function checkDates(clause: Clause, path: PathKey[], at: At) {
	const dates: Partial<Record<'effectiveFrom' | 'effectiveTo', number>> = {};
	for (const field of ['effectiveFrom', 'effectiveTo'] as const) {
		const value = clause[field];
		if (value === undefined) continue;
		const time = ISO_DATE.test(value) ? Date.parse(value) : NaN;
		if (Number.isNaN(time))
			at(
				[...path, field],
				`"${value}" is not a date: write 2026-12-01 or 2026-12-01T08:00:00+08:00`
			);
		else dates[field] = time;
	}
	if (dates.effectiveFrom !== undefined && dates.effectiveTo !== undefined)
		if (dates.effectiveTo <= dates.effectiveFrom)
			at([...path, 'effectiveTo'], 'effectiveTo must be after effectiveFrom');
}

function checkTeams(teams: string[] | undefined, path: PathKey[], at: At) {
	if (teams === undefined) return;
	if (teams.length === 0)
		at(path, 'an empty team list applies the clause to nobody: leave teams out for every team');
	teams.forEach((team, i) => {
		if (team.trim() === '') at([...path, i], 'a team name cannot be blank');
		else if (team !== team.trim()) at([...path, i], `team name "${team}" has spaces around it`);
	});
}

function checkViolation(id: string, path: PathKey[], rubrics: readonly CompiledRubric[], at: At) {
	const found = rubrics.flatMap((r) =>
		r.violations.filter((v) => v.id === id).map((v) => ({ r, v }))
	);
	const keys = rubrics.map((r) => `"${r.key}"`).join(', ') || 'none';
	if (found.length === 0) at(path, `no rubric has the violation "${id}" (rubrics: ${keys})`);
	else if (!found.some(({ v }) => v.severity === 'critical'))
		at(
			path,
			`violation "${id}" is ${found[0].v.severity} in rubric "${found[0].r.key}": this trigger counts critical violations`
		);
}
