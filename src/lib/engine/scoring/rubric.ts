import { SourceFile, type PathKey, type Problem } from '../source';
import { normalize } from './normalize';
import { rubricSchema, type Detector, type RubricDocument } from './schema';
import { ExampleSpace, type Vector } from './similarity';

export type CompiledDetector = {
	type: Detector['type'];
	score: number;
	negatable: boolean;
	unlessNear: RegExp[];
	onlyNear: RegExp[];
	nearReply: boolean;
	/** phrases, patterns, cues: what to search for, and how to name a match. */
	searches: { regex: RegExp; rule: (match: string) => string }[];
	examples?: { positive: Vector[]; positiveText: string[]; negative: Vector[]; threshold: number };
	of?: CompiledDetector[];
};

export type CompiledCriterion = { id: string; detectors: CompiledDetector[] };
export type CompiledRubric = {
	key: string;
	doc: RubricDocument;
	space: ExampleSpace;
	negation: RegExp;
	dimensions: (CompiledCriterion & { weight: number })[];
	violations: (CompiledCriterion & {
		severity: 'critical' | 'minor';
		cap: number;
		penalty: number;
		unlessShown: string[];
	})[];
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const latinEdge = '[\\p{L}\\p{N}]';

/** One regex for a list of literal phrases; Latin phrases only match whole words. */
export function phraseRegex(phrases: string[]): RegExp | null {
	const parts = phrases
		.map((p) => normalize(p).trim())
		.filter((p) => p.length > 0)
		.sort((a, b) => b.length - a.length)
		.map((p) => {
			// Spaces may fall anywhere in Chinese ("我们 会 处理"); Latin words need one between them.
			const body = Array.from(p)
				.map((ch, i, all) => {
					if (/\s/.test(ch)) return '\\s+';
					const next = all[i + 1];
					const gap =
						next && /\p{Script=Han}/u.test(ch) && /\p{Script=Han}/u.test(next) ? '\\s*' : '';
					return escape(ch) + gap;
				})
				.join('')
				.replace(/(?:\\s\+)+/g, '\\s+');
			const start = /^[a-z0-9]/.test(p) ? `(?<!${latinEdge})` : '';
			const end = /[a-z0-9]$/.test(p) ? `(?!${latinEdge})` : '';
			return `${start}${body}${end}`;
		});
	return parts.length > 0 ? new RegExp(parts.join('|'), 'gu') : null;
}

type Lists = { zh?: string[]; en?: string[] };
const listsRegex = (lists: Lists) => phraseRegex([...(lists.zh ?? []), ...(lists.en ?? [])]);

export type RubricLoad = { ok: true; rubric: CompiledRubric } | { ok: false; problems: Problem[] };

/** Validates a rubric file and compiles its detectors; every problem is located. */
export function loadRubric(file: string, text: string): RubricLoad {
	const source = new SourceFile(file, text);
	const validated = source.validate(rubricSchema);
	if (!validated.ok) return validated;
	const doc = validated.data;
	const problems: Problem[] = [];
	const at = (path: PathKey[], message: string) => problems.push(source.problemAt(path, message));

	const cues = new Map<string, RegExp>();
	for (const [name, lists] of Object.entries(doc.cues)) {
		const patterns = (lists.patterns ?? []).filter((pattern, i) => {
			try {
				return new RegExp(pattern, 'u') !== null;
			} catch (e) {
				at(['cues', name, 'patterns', i], `bad pattern: ${(e as Error).message}`);
				return false;
			}
		});
		const parts = [listsRegex(lists)?.source, ...patterns].filter((p) => p !== undefined);
		if (parts.length === 0) at(['cues', name], `cue list "${name}" is empty`);
		else cues.set(name, new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'gu'));
	}
	const negation = listsRegex(doc.negation);
	if (!negation) at(['negation'], 'negation needs cues');

	// Every example text, so the similarity space knows all their n-grams.
	const exampleTexts: string[] = [];
	const collect = (d: Detector) => {
		if (d.type === 'examples') exampleTexts.push(...d.positive, ...(d.negative ?? []));
		if (d.type === 'all') d.of.forEach(collect);
	};
	for (const c of [...doc.dimensions, ...doc.violations]) c.detectors.forEach(collect);
	const space = new ExampleSpace(exampleTexts.map(normalize));

	const cueList = (names: string[] | undefined, path: PathKey[]) =>
		(names ?? []).flatMap((name, i) => {
			const regex = cues.get(name);
			if (!regex) at([...path, i], `unknown cue list "${name}"`);
			return regex ? [regex] : [];
		});

	const compile = (d: Detector, path: PathKey[], violation: boolean): CompiledDetector => {
		const compiled: CompiledDetector = {
			type: d.type,
			score: d.score,
			negatable: d.negatable ?? violation,
			unlessNear: cueList(d.unlessNear, [...path, 'unlessNear']),
			onlyNear: cueList(d.onlyNear, [...path, 'onlyNear']),
			nearReply: d.nearScope === 'reply',
			searches: []
		};
		if (d.type === 'phrases') {
			const regex = listsRegex(d);
			if (regex) compiled.searches.push({ regex, rule: (m) => `phrase "${m}"` });
			else at(path, 'phrases needs a zh or en list');
		} else if (d.type === 'patterns') {
			for (const lang of ['zh', 'en'] as const) {
				(d[lang] ?? []).forEach((pattern, i) => {
					try {
						compiled.searches.push({
							regex: new RegExp(pattern, 'gu'),
							rule: () => `pattern /${pattern}/`
						});
					} catch (e) {
						at([...path, lang, i], `bad pattern: ${(e as Error).message}`);
					}
				});
			}
		} else if (d.type === 'cues') {
			const regex = cues.get(d.name);
			if (regex) compiled.searches.push({ regex, rule: (m) => `${d.name} "${m}"` });
			else at([...path, 'name'], `unknown cue list "${d.name}"`);
		} else if (d.type === 'examples') {
			const negative = d.negative ?? [];
			compiled.examples = {
				positive: d.positive.map((t) => space.vector(normalize(t))),
				positiveText: d.positive,
				negative: negative.map((t) => space.vector(normalize(t))),
				threshold: d.threshold ?? doc.exampleThreshold
			};
		} else if (d.type === 'all') {
			compiled.of = d.of.map((sub, i) => compile(sub, [...path, 'of', i], violation));
		}
		return compiled;
	};

	const dimensionIds = new Set<string>();
	const dimensions = doc.dimensions.map((dim, i) => {
		if (dimensionIds.has(dim.id)) at(['dimensions', i, 'id'], `duplicate dimension "${dim.id}"`);
		dimensionIds.add(dim.id);
		return {
			id: dim.id,
			weight: dim.weight,
			detectors: dim.detectors.map((d, j) => compile(d, ['dimensions', i, 'detectors', j], false))
		};
	});
	const violationIds = new Set<string>();
	const violations = doc.violations.map((vio, i) => {
		if (violationIds.has(vio.id) || dimensionIds.has(vio.id))
			at(['violations', i, 'id'], `duplicate id "${vio.id}"`);
		violationIds.add(vio.id);
		if (vio.severity === 'critical' && vio.cap === undefined)
			at(['violations', i], 'a critical violation needs its cap');
		(vio.unlessShown ?? []).forEach((d, j) => {
			if (!dimensionIds.has(d)) at(['violations', i, 'unlessShown', j], `unknown dimension "${d}"`);
		});
		return {
			id: vio.id,
			severity: vio.severity,
			cap: vio.cap ?? 100,
			penalty: vio.penalty,
			unlessShown: vio.unlessShown ?? [],
			detectors: vio.detectors.map((d, j) => compile(d, ['violations', i, 'detectors', j], true))
		};
	});
	if (problems.length > 0 || !negation) return { ok: false, problems };
	return { ok: true, rubric: { key: doc.key, doc, space, negation, dimensions, violations } };
}

/** The ids scenario guards may use, and which violations are critical. */
export function rubricIds(rubric: CompiledRubric) {
	return {
		dimensions: rubric.dimensions.map((d) => d.id),
		violations: rubric.violations.map((v) => v.id),
		critical: rubric.violations.filter((v) => v.severity === 'critical').map((v) => v.id)
	};
}
