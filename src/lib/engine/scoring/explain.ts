/**
 * Why each criterion of the rubric was credited or raised, or not, in plain words in both
 * languages: read from the trace `assessReply` leaves of its own decisions, never scored again.
 */
import { assessReply, SHOWN, type Assessment, type Evidence, type ReplyContext } from './assess';
import type { Bilingual, CompiledRubric } from './rubric';
import { newTrace, type AssessmentTrace, type CriterionTrace, type SetAside } from './trace';

export type ExplainedSpan = { start: number; end: number; text: string; reason: Bilingual };

export type CriterionExplanation = {
	id: string;
	kind: 'dimension' | 'violation';
	title: Bilingual;
	/** A dimension is shown or not; a violation raised, possible (for a person to check) or not. */
	verdict: 'shown' | 'not_shown' | 'raised' | 'possible' | 'not_raised';
	/** A dimension this state judges, or a violation that changes the score. */
	counts: boolean;
	/** Rules and learned scorer combined, 0–1 (for a dimension, before any voiding). */
	confidence: number;
	evidence: ExplainedSpan[];
	/** What the rules found and then set aside (negated, quoted, an exception, an allowed offer). */
	setAside: ExplainedSpan[];
	reasons: Bilingual[];
};

export type Explanation = {
	/** Whether a learned scorer decided beside the rules. */
	model: boolean;
	/** Set when the reply reads as a run of keywords (then nothing is credited). */
	keywords: Bilingual | null;
	criteria: CriterionExplanation[];
};

const both = (en: string, zh: string): Bilingual => ({ en, zh });
const n2 = (x: number) => x.toFixed(2);
const quote = (t: string) => `“${t}”`;
const list = (texts: string[]): Bilingual => {
	const unique = [...new Set(texts.map((t) => t.trim()).filter(Boolean))].slice(0, 4);
	return both(unique.map(quote).join(', '), unique.map(quote).join('、'));
};
const nothing = both('Nothing in the reply matches it.', '回复中没有相关内容。');
const isModel = (e: Evidence) => e.rule.startsWith('model ');
const readable = (e: Evidence): ExplainedSpan => ({
	start: e.start,
	end: e.end,
	text: e.text,
	reason: e.reason
});

function setAsideReason(why: SetAside['why'], t: string): Bilingual {
	switch (why) {
		case 'negated':
			return both(
				`A rule matched ${quote(t)}, but it was negated.`,
				`规则匹配到${quote(t)}，但它被否定了。`
			);
		case 'exception':
			return both(
				`A rule matched ${quote(t)}, but the words around it are an exception the rubric names.`,
				`规则匹配到${quote(t)}，但旁边的措辞属于评分标准列明的例外。`
			);
		case 'quoted':
			return both(
				`${quote(t)} is in quotation marks: reported words, not the agent's own.`,
				`${quote(t)}在引号里：是转述，不是坐席自己的话。`
			);
		case 'rules_out':
			return both(
				`${quote(t)} rules it out: the rubric says this does not count.`,
				`${quote(t)}排除了这一项：评分标准规定这样说不算。`
			);
	}
}

/** The spans the rules set aside (and the offers the scenario allows), as a person reads them. */
function setAsideOf(text: string, t: CriterionTrace): ExplainedSpan[] {
	const span = (start: number, end: number) => text.slice(start, end).trim();
	return [
		...t.setAside.map((s) => ({ ...s, text: span(s.start, s.end), why: s.why })),
		...t.authorised.map((a) => ({ ...a, text: span(a.start, a.end), why: a.label }))
	]
		.filter((s, i, all) => all.findIndex((o) => o.start === s.start && o.end === s.end) === i)
		.map((s) => ({
			start: s.start,
			end: s.end,
			text: s.text,
			reason:
				typeof s.why === 'string'
					? setAsideReason(s.why, s.text)
					: both(
							`${quote(s.text)} names an offer this scenario allows (${s.why.en}): not beyond authority.`,
							`${quote(s.text)}提到的是本情景允许的方案（${s.why.zh}）：不算越权。`
						)
		}));
}

function confidenceReason(
	model: boolean,
	t: CriterionTrace,
	threshold: number,
	found: string[]
): Bilingual | null {
	const c = n2(t.confidence);
	const at = n2(threshold);
	if (t.confidence >= threshold)
		return model
			? both(
					`Combined confidence ${c} is at or above the threshold ${at}.`,
					`综合置信度 ${c}，达到阈值 ${at}。`
				)
			: null;
	if (t.rule > 0) {
		const l = list(found);
		return model
			? both(
					`The rules found ${l.en}, but combined with the learned scorer the confidence ${c} is below the threshold ${at}.`,
					`规则找到了${l.zh}，但与机器学习评分器综合后的置信度 ${c} 低于阈值 ${at}。`
				)
			: both(
					`The rules found ${l.en}, but only for partial credit (${c}, below ${at}).`,
					`规则找到了${l.zh}，但只得部分分（${c}，低于 ${at}）。`
				);
	}
	if (!model || t.probability === null) return null;
	return both(
		`The learned scorer's confidence ${c} is below its threshold ${at}.`,
		`机器学习评分器的置信度 ${c} 低于阈值 ${at}。`
	);
}

function foundReason(evidence: Evidence[], agrees: boolean, doubted = false): Bilingual | null {
	const byRules = evidence.filter((e) => !isModel(e)).map((e) => e.text);
	const byModel = evidence.filter(isModel).map((e) => e.text);
	if (byRules.length > 0) {
		const l = list(byRules);
		if (doubted)
			return both(
				`The rules found ${l.en}, but the learned scorer doubts it.`,
				`规则找到了${l.zh}，但机器学习评分器对此存疑。`
			);
		return agrees
			? both(
					`The rules found ${l.en}, and the learned scorer agrees.`,
					`规则找到了${l.zh}，机器学习评分器也这样判断。`
				)
			: both(`The rules found ${l.en}.`, `规则找到了${l.zh}。`);
	}
	if (byModel.length > 0) {
		const l = list(byModel);
		return both(
			`Only the learned scorer found it, mostly from the words ${l.en}.`,
			`只有机器学习评分器识别出来，主要依据${l.zh}这些词。`
		);
	}
	return null;
}

const SET_ASIDE_NO_CREDIT = both(
	'What the rules set aside, the learned scorer may not credit either.',
	'规则排除的内容，机器学习评分器也不能采信。'
);
const DECISIVE = both(
	'A decisive rule found it: it stands whatever the learned scorer says.',
	'命中决定性规则：无论机器学习评分器如何判断都成立。'
);

function explainDimension(
	text: string,
	a: Assessment,
	rubric: CompiledRubric,
	model: boolean,
	dim: CompiledRubric['dimensions'][number],
	t: CriterionTrace
): CriterionExplanation {
	const result = a.dimensions[dim.id];
	const shown = result.score >= SHOWN;
	const wouldShow = t.confidence >= SHOWN;
	const setAside = setAsideOf(text, t);
	const reasons: (Bilingual | null)[] = [];
	if (wouldShow) reasons.push(foundReason(result.evidence, false));
	if (t.decisive) reasons.push(DECISIVE);
	reasons.push(...setAside.map((s) => s.reason));
	if (setAside.length > 0 && t.rule === 0 && model) reasons.push(SET_ASIDE_NO_CREDIT);
	if (!wouldShow && t.rule === 0 && setAside.length === 0) reasons.push(nothing);
	const found = t.found.map((s) => text.slice(s.start, s.end));
	reasons.push(confidenceReason(model, t, SHOWN, found));
	if (t.voidedBy && wouldShow) {
		const v = rubric.doc.violations.find((x) => x.id === t.voidedBy)?.title;
		const name = v ?? both(t.voidedBy, t.voidedBy);
		reasons.push(
			both(
				`Voided by ${quote(name.en)}: the evidence stays, the credit does not.`,
				`因出现${quote(name.zh)}而作废：依据保留，但不计分。`
			)
		);
	} else if (wouldShow && !shown && a.structure === 'keywords')
		reasons.push(
			both(
				'The reply is a run of keywords, so it is not credited.',
				'回复只是关键词堆砌，因此不计分。'
			)
		);
	if (!result.expected)
		reasons.push(
			both(
				'Not needed in this state: shown or not, it does not count toward the score.',
				'此环节不要求这一项：做到与否都不计入得分。'
			)
		);
	return {
		id: dim.id,
		kind: 'dimension',
		title: rubric.doc.dimensions.find((d) => d.id === dim.id)?.title ?? both(dim.id, dim.id),
		verdict: shown ? 'shown' : 'not_shown',
		counts: result.expected,
		confidence: Math.round(t.confidence * 100) / 100,
		evidence: result.evidence.map(readable),
		setAside,
		reasons: reasons.filter((r): r is Bilingual => r !== null)
	};
}

function explainViolation(
	text: string,
	a: Assessment,
	rubric: CompiledRubric,
	model: boolean,
	vio: CompiledRubric['violations'][number],
	t: CriterionTrace
): CriterionExplanation {
	const title = (kind: 'dimensions' | 'violations', id: string) =>
		(rubric.doc[kind] as { id: string; title: Bilingual }[]).find((x) => x.id === id)?.title ??
		both(id, id);
	const found = a.violations.find((v) => v.id === vio.id);
	const setAside = setAsideOf(text, t);
	const reasons: (Bilingual | null)[] = [];
	const { uncertain, certain } = vio.thresholds;
	if (t.shownInstead) {
		const d = title('dimensions', t.shownInstead);
		reasons.push(
			both(
				`Not looked for: the reply shows ${quote(d.en)}, which rules this problem out.`,
				`未检查：回复做到了${quote(d.zh)}，这一问题随之排除。`
			)
		);
	}
	if (found) {
		reasons.push(foundReason(found.evidence, found.source === 'both', found.uncertain && model));
		if (t.decisive) reasons.push(DECISIVE);
	}
	reasons.push(...setAside.map((s) => s.reason));
	if (t.authorised.length > 0 && t.rule === 0 && t.probability === null && model)
		reasons.push(
			both(
				'The learned scorer may not overrule the scenario on it.',
				'机器学习评分器不能推翻情景给出的授权。'
			)
		);
	else if (setAside.length > t.authorised.length && t.rule === 0 && model)
		reasons.push(SET_ASIDE_NO_CREDIT);
	const c = n2(t.confidence);
	if (found && !found.uncertain) {
		if (model)
			reasons.push(
				both(
					`Confidence ${c} is at or above the threshold ${n2(certain)}: it counts.`,
					`置信度 ${c}，达到阈值 ${n2(certain)}：计入。`
				)
			);
		reasons.push(
			vio.severity === 'critical'
				? both(
						`A critical problem: the reply's score is capped at ${vio.cap}.`,
						`严重问题：这条回复的得分上限为 ${vio.cap}。`
					)
				: both(
						`A minor problem: ${vio.penalty} points are taken off.`,
						`一般问题：扣 ${vio.penalty} 分。`
					)
		);
	} else if (found)
		reasons.push(
			both(
				`Confidence ${c} is between ${n2(uncertain)} and ${n2(certain)}: a possible problem for a person to check; it changes neither the score nor the branch.`,
				`置信度 ${c} 介于 ${n2(uncertain)} 与 ${n2(certain)} 之间：列为可能的问题，供人工核查；不影响得分，也不影响分支走向。`
			)
		);
	else if (!t.shownInstead) {
		if (t.rule === 0 && setAside.length === 0) reasons.push(nothing);
		const spans = t.found.map((s) => text.slice(s.start, s.end));
		reasons.push(confidenceReason(model, t, uncertain, spans));
	}
	if (found?.resembles)
		reasons.push(
			both(
				`It resembles the labelled example ${quote(found.resembles)}.`,
				`与已标注的例句${quote(found.resembles)}相似。`
			)
		);
	return {
		id: vio.id,
		kind: 'violation',
		title: title('violations', vio.id),
		verdict: !found ? 'not_raised' : found.uncertain ? 'possible' : 'raised',
		counts: !!found && !found.uncertain,
		confidence: Math.round(t.confidence * 100) / 100,
		evidence: (found?.evidence ?? []).map(readable),
		setAside,
		reasons: reasons.filter((r): r is Bilingual => r !== null)
	};
}

/**
 * Every dimension and violation of the rubric, with why it was or was not credited or raised.
 * `trace` is the one `assessReply` filled in while producing `a` from `text`.
 */
export function explain(
	text: string,
	a: Assessment,
	trace: AssessmentTrace,
	rubric: CompiledRubric
): Explanation {
	if (a.empty)
		return {
			model: trace.model,
			keywords: null,
			criteria: [
				...rubric.dimensions.map((d) => emptyCriterion(d.id, 'dimension', rubric, a)),
				...rubric.violations.map((v) => emptyCriterion(v.id, 'violation', rubric, a))
			]
		};
	return {
		model: trace.model,
		keywords:
			a.structure === 'keywords'
				? both(
						`The reply reads as a run of keywords: no dimension is credited and the score is capped at ${rubric.keywordCap}.`,
						`回复只是关键词堆砌：所有维度都不计分，得分上限为 ${rubric.keywordCap}。`
					)
				: null,
		criteria: [
			...rubric.dimensions.map((d) =>
				explainDimension(text, a, rubric, trace.model, d, trace.criteria[d.id])
			),
			...rubric.violations.map((v) =>
				explainViolation(text, a, rubric, trace.model, v, trace.criteria[v.id])
			)
		]
	};
}

function emptyCriterion(
	id: string,
	kind: 'dimension' | 'violation',
	rubric: CompiledRubric,
	a: Assessment
): CriterionExplanation {
	const doc = (kind === 'dimension' ? rubric.doc.dimensions : rubric.doc.violations) as {
		id: string;
		title: Bilingual;
	}[];
	return {
		id,
		kind,
		title: doc.find((x) => x.id === id)?.title ?? both(id, id),
		verdict: kind === 'dimension' ? 'not_shown' : 'not_raised',
		counts: kind === 'dimension' && a.dimensions[id].expected,
		confidence: 0,
		evidence: [],
		setAside: [],
		reasons: [both('The reply is empty.', '回复是空的。')]
	};
}

/** Scores a reply and explains every criterion, from one run of the scorer. */
export function assessAndExplain(
	text: string,
	options: { rubric: CompiledRubric; lang?: 'zh' | 'en' } & Omit<ReplyContext, 'trace' | 'raw'>
): { assessment: Assessment; explanation: Explanation } {
	const trace = newTrace();
	const assessment = assessReply(text, { ...options, trace });
	return { assessment, explanation: explain(text, assessment, trace, options.rubric) };
}
