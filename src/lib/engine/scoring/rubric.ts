import { SourceFile, type PathKey, type Problem } from '../source';
import { backtrackingProblem } from './backtracking';
import { normalize } from './normalize';
import { rubricSchema, type Detector, type RubricDocument } from './schema';
import { PhraseIndex } from './phrases';
import { ExampleIndex, ExampleSpace, type ExampleRange } from './similarity';
import { loadModel } from './learned/load';
import type { CompiledModel } from './learned/model';

export type Thresholds = { uncertain: number; certain: number };

/** What to look for: a list of literal phrases (in the rubric's phrase index), a regex, or both. */
export type Matcher = { list: number | null; regex: RegExp | null };

export type Bilingual = { zh: string; en: string };

export type CompiledDetector = {
	type: Detector['type'];
	score: number;
	/** The detector's own reason, when it names the evidence better than its criterion does. */
	reason: Bilingual | null;
	negatable: boolean;
	/** A match stands whatever the learned model says. */
	decisive: boolean;
	/** A match means the dimension is not shown (unless another detector shows it). */
	rulesOut: boolean;
	unlessNear: Matcher[];
	onlyNear: Matcher[];
	nearScope: 'clause' | 'sentence' | 'reply';
	/** phrases, patterns, cues: what to search for (and its variant for spaced Chinese), and how to name a match. */
	searches: { matcher: Matcher; script?: 'han' | 'latin'; rule: (match: string) => string }[];
	examples?: {
		positive: ExampleRange;
		positiveText: string[];
		negative: ExampleRange;
		threshold: number;
	};
	of?: CompiledDetector[];
};

export type CompiledCriterion = { id: string; reason: Bilingual; detectors: CompiledDetector[] };
export type CompiledRubric = {
	key: string;
	doc: RubricDocument;
	space: ExampleSpace;
	examples: ExampleIndex;
	phrases: PhraseIndex;
	negation: Matcher;
	dimensions: (CompiledCriterion & { weight: number; voidedBy: string[] })[];
	violations: (CompiledCriterion & {
		severity: 'critical' | 'minor';
		cap: number;
		penalty: number;
		unlessShown: string[];
		authorisable: boolean;
		thresholds: Thresholds;
	})[];
	/** The dimensions a reply is judged on by default: on the first reply, and on later ones. */
	expects: { first: string[]; later: string[] };
	keywordCap: number;
	outcomeCaps: Partial<Record<string, number>>;
	/** The learned detectors trained for this exact rubric, or null: then rules alone decide. */
	model: CompiledModel | null;
};

/**
 * A loaded rubric; `warnings` are the located problems of its model file, when one was given and
 * could not be used (the rubric then scores with its rules alone).
 */
export type RubricLoad =
	{ ok: true; rubric: CompiledRubric; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates a rubric file and compiles its detectors; every problem is located. A model file
 * trained for it (`<name>.model.json`) joins the rules when it loads cleanly.
 */
export function loadRubric(
	file: string,
	text: string,
	modelFile?: { file: string; text: string }
): RubricLoad {
	const source = new SourceFile(file, text);
	const validated = source.validate(rubricSchema);
	if (!validated.ok) return validated;
	const doc = validated.data;
	const problems: Problem[] = [];
	const at = (path: PathKey[], message: string) => problems.push(source.problemAt(path, message));

	const phrases = new PhraseIndex();
	const phraseList = (lists: { zh?: string[]; en?: string[] }) => {
		const all = [...(lists.zh ?? []), ...(lists.en ?? [])].map(normalize);
		return all.length > 0 ? phrases.addList(all) : null;
	};
	const compilePatterns = (patterns: string[], pathOf: (i: number) => PathKey[]) => {
		const good = patterns.filter((pattern, i) => {
			try {
				new RegExp(pattern, 'u'); // compiled only to check it
			} catch (e) {
				at(pathOf(i), `bad pattern: ${(e as Error).message}`);
				return false;
			}
			const slow = backtrackingProblem(pattern);
			if (slow) at(pathOf(i), `slow pattern: ${slow}`);
			return slow === null;
		});
		return good.length > 0 ? new RegExp(good.map((p) => `(?:${p})`).join('|'), 'gu') : null;
	};

	const cues = new Map<string, Matcher>();
	for (const [name, lists] of Object.entries(doc.cues)) {
		const matcher = {
			list: phraseList(lists),
			regex: compilePatterns(lists.patterns ?? [], (i) => ['cues', name, 'patterns', i])
		};
		if (matcher.list === null && matcher.regex === null)
			at(['cues', name], `cue list "${name}" is empty`);
		else cues.set(name, matcher);
	}
	const negation: Matcher = { list: phraseList(doc.negation), regex: null };
	if (negation.list === null) at(['negation'], 'negation needs cues');

	// Every example text, so the similarity space knows all their n-grams.
	const exampleTexts: string[] = [];
	const collect = (d: Detector) => {
		if (d.type === 'examples') exampleTexts.push(...d.positive, ...(d.negative ?? []));
		if (d.type === 'all') d.of.forEach(collect);
	};
	for (const c of [...doc.dimensions, ...doc.violations]) c.detectors.forEach(collect);
	const space = new ExampleSpace(exampleTexts.map(normalize));
	const examples = new ExampleIndex();

	const cueList = (names: string[] | undefined, path: PathKey[]) =>
		(names ?? []).flatMap((name, i) => {
			const matcher = cues.get(name);
			if (!matcher) at([...path, i], `unknown cue list "${name}"`);
			return matcher ? [matcher] : [];
		});

	const compile = (d: Detector, path: PathKey[], violation: boolean): CompiledDetector => {
		const compiled: CompiledDetector = {
			type: d.type,
			score: d.score,
			reason: d.reason ?? null,
			negatable: d.negatable ?? violation,
			decisive: d.decisive ?? false,
			rulesOut: d.rulesOut ?? false,
			unlessNear: cueList(d.unlessNear, [...path, 'unlessNear']),
			onlyNear: cueList(d.onlyNear, [...path, 'onlyNear']),
			nearScope: d.nearScope ?? 'sentence',
			searches: []
		};
		if (violation && d.rulesOut) at([...path, 'rulesOut'], 'rulesOut is for dimensions only');
		if (d.type === 'phrases') {
			const list = phraseList(d);
			if (list !== null)
				compiled.searches.push({ matcher: { list, regex: null }, rule: (m) => `phrase "${m}"` });
			else at(path, 'phrases needs a zh or en list');
		} else if (d.type === 'patterns') {
			for (const lang of ['zh', 'en'] as const) {
				(d[lang] ?? []).forEach((pattern, i) => {
					const regex = compilePatterns([pattern], () => [...path, lang, i]);
					// A Chinese pattern cannot match a reply without Chinese characters, nor an English one without letters.
					if (regex)
						compiled.searches.push({
							script: lang === 'zh' ? 'han' : 'latin',
							matcher: { list: null, regex },
							rule: () => `pattern /${pattern}/`
						});
				});
			}
		} else if (d.type === 'cues') {
			const matcher = cues.get(d.name);
			if (matcher) compiled.searches.push({ matcher, rule: (m) => `${d.name} "${m}"` });
			else at([...path, 'name'], `unknown cue list "${d.name}"`);
		} else if (d.type === 'examples') {
			const negative = d.negative ?? [];
			compiled.examples = {
				positive: examples.add(d.positive.map((t) => space.vector(normalize(t)))),
				positiveText: d.positive,
				negative: examples.add(negative.map((t) => space.vector(normalize(t)))),
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
			reason: dim.reason,
			weight: dim.weight,
			voidedBy: dim.voidedBy ?? [],
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
			reason: vio.reason,
			authorisable: vio.authorisable ?? false,
			thresholds: vio.thresholds ?? doc.learned,
			severity: vio.severity,
			cap: vio.cap ?? 100,
			penalty: vio.penalty,
			unlessShown: vio.unlessShown ?? [],
			detectors: vio.detectors.map((d, j) => compile(d, ['violations', i, 'detectors', j], true))
		};
	});
	doc.dimensions.forEach((dim, i) =>
		(dim.voidedBy ?? []).forEach((v, j) => {
			if (!violationIds.has(v)) at(['dimensions', i, 'voidedBy', j], `unknown violation "${v}"`);
		})
	);
	const all = doc.dimensions.map((d) => d.id);
	const expects = doc.expects ?? { first: all, later: all };
	for (const when of ['first', 'later'] as const)
		expects[when].forEach((d, i) => {
			if (!dimensionIds.has(d)) at(['expects', when, i], `unknown dimension "${d}"`);
		});
	if (problems.length > 0) return { ok: false, problems };
	const declared = doc.learned.model;
	const loaded = modelFile
		? loadModel(
				modelFile.file,
				modelFile.text,
				text,
				doc.key,
				violations.map((v) => v.id)
			)
		: null;
	const warnings = loaded && 'problems' in loaded ? loaded.problems : [];
	if (declared && !modelFile)
		warnings.push(
			source.problemAt(
				['learned', 'model'],
				`the model file ${declared} is missing: the rules score alone (npm run train:scoring)`
			)
		);
	else if (declared && modelFile && !modelFile.file.endsWith(declared))
		warnings.push(
			source.problemAt(['learned', 'model'], `the model file is ${modelFile.file}, not ${declared}`)
		);
	return {
		ok: true,
		warnings,
		rubric: {
			key: doc.key,
			doc,
			space,
			examples,
			phrases,
			negation,
			dimensions,
			violations,
			expects,
			keywordCap: doc.scoring.keywordCap,
			outcomeCaps: doc.scoring.outcomeCaps,
			model: loaded && 'model' in loaded ? loaded.model : null
		}
	};
}

/** The ids scenario guards may use, and which violations are critical. */
export function rubricIds(rubric: CompiledRubric) {
	return {
		dimensions: rubric.dimensions.map((d) => d.id),
		violations: rubric.violations.map((v) => v.id),
		critical: rubric.violations.filter((v) => v.severity === 'critical').map((v) => v.id)
	};
}
