import type { PathKey } from '../source';

/** What a guard reads of a reply: the scorer's assessment, reduced to numbers and violation ids. */
export type GuardAssessment = {
	score: number;
	dimensions: Record<string, number>;
	violations: { id: string; severity: 'critical' | 'minor' }[];
};

export type Guard =
	| { type: 'violation'; id: string }
	| { type: 'critical' }
	| { type: 'dimension'; id: string; atLeast: number }
	| { type: 'score'; atLeast?: number; atMost?: number }
	| { type: 'mood'; atLeast?: number; atMost?: number }
	| { type: 'turn'; atLeast: number }
	| { type: 'all'; of: Guard[] }
	| { type: 'any'; of: Guard[] }
	| { type: 'not'; guard: Guard };

export type GuardProblem = { path: PathKey[]; message: string };

type Named = Record<string, unknown>;
const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown, min: number, max: number): x is number =>
	typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;

/**
 * Reads a guard written in a scenario file: a name from its `guards:` section, or one of
 * violation, critical, dimension + atLeast, score, mood, turn, all, any, not.
 */
export function parseGuard(
	raw: unknown,
	path: PathKey[],
	named: Named,
	problems: GuardProblem[],
	resolving: string[] = []
): Guard | null {
	const fail = (message: string, at = path) => {
		problems.push({ path: at, message });
		return null;
	};
	if (typeof raw === 'string') {
		if (!(raw in named)) return fail(`unknown guard "${raw}"`);
		if (resolving.includes(raw)) return fail(`guard "${raw}" refers to itself`);
		return parseGuard(named[raw], ['guards', raw], named, problems, [...resolving, raw]);
	}
	if (!isObject(raw))
		return fail('a guard is a name or an object such as { violation: brush_off }');
	const keys = Object.keys(raw);
	const bounds = (key: 'score' | 'mood', max: number) => {
		const b = raw[key];
		if (
			!isObject(b) ||
			Object.keys(b).some((k) => k !== 'atLeast' && k !== 'atMost') ||
			Object.keys(b).length === 0
		) {
			return fail(`${key} takes { atLeast: n } and/or { atMost: n }`, [...path, key]);
		}
		if (
			(b.atLeast !== undefined && !isNumber(b.atLeast, 0, max)) ||
			(b.atMost !== undefined && !isNumber(b.atMost, 0, max))
		) {
			return fail(`${key} bounds are numbers from 0 to ${max}`, [...path, key]);
		}
		return {
			type: key,
			atLeast: b.atLeast as number | undefined,
			atMost: b.atMost as number | undefined
		} as Guard;
	};
	const list = (key: 'all' | 'any') => {
		const items = raw[key];
		if (!Array.isArray(items) || items.length === 0)
			return fail(`${key} takes a list of guards`, [...path, key]);
		const of = items.map((item, i) =>
			parseGuard(item, [...path, key, i], named, problems, resolving)
		);
		return of.every((g) => g !== null) ? ({ type: key, of } as Guard) : null;
	};

	if (keys.length === 2 && keys.includes('dimension') && keys.includes('atLeast')) {
		if (typeof raw.dimension !== 'string')
			return fail('dimension takes a dimension id', [...path, 'dimension']);
		if (!isNumber(raw.atLeast, 0, 1))
			return fail('atLeast for a dimension is a number from 0 to 1', [...path, 'atLeast']);
		return { type: 'dimension', id: raw.dimension, atLeast: raw.atLeast };
	}
	if (keys.length !== 1)
		return fail(`a guard has one kind, found ${keys.map((k) => `"${k}"`).join(', ')}`);
	const [kind] = keys;
	switch (kind) {
		case 'violation':
			return typeof raw.violation === 'string'
				? { type: 'violation', id: raw.violation }
				: fail('violation takes a violation id', [...path, kind]);
		case 'critical':
			return raw.critical === true
				? { type: 'critical' }
				: fail('critical takes true', [...path, kind]);
		case 'dimension':
			return fail('dimension needs atLeast, e.g. { dimension: empathy, atLeast: 0.5 }');
		case 'score':
			return bounds('score', 100);
		case 'mood':
			return bounds('mood', 100);
		case 'turn': {
			const t = raw.turn;
			return isObject(t) && Object.keys(t).length === 1 && isNumber(t.atLeast, 1, 100)
				? { type: 'turn', atLeast: t.atLeast as number }
				: fail('turn takes { atLeast: n }', [...path, kind]);
		}
		case 'all':
		case 'any':
			return list(kind);
		case 'not': {
			const inner = parseGuard(raw.not, [...path, 'not'], named, problems, resolving);
			return inner ? { type: 'not', guard: inner } : null;
		}
		default:
			return fail(`unknown guard "${kind}"`);
	}
}

/** Dimension and violation ids a guard mentions, for checking them against the rubric. */
export function guardIds(guard: Guard): { dimensions: string[]; violations: string[] } {
	const out = { dimensions: [] as string[], violations: [] as string[] };
	const walk = (g: Guard) => {
		if (g.type === 'dimension') out.dimensions.push(g.id);
		else if (g.type === 'violation') out.violations.push(g.id);
		else if (g.type === 'all' || g.type === 'any') g.of.forEach(walk);
		else if (g.type === 'not') walk(g.guard);
	};
	walk(guard);
	return out;
}
