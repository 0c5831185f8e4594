import { assessReply } from './assess';
import type { CompiledRubric } from './rubric';
import type { RuleOutput } from './learned/model';

/**
 * What the rules alone say of a reply, out of context: each violation found (1) or not (0), each
 * dimension's rule score, and which detectors of each violation found something. The learned
 * stacker combines these with the model's probabilities.
 */
export function ruleOutputs(
	text: string,
	lang: 'zh' | 'en',
	rubric: CompiledRubric
): Record<string, RuleOutput> {
	const a = assessReply(text, {
		rubric: { ...rubric, model: null },
		lang,
		expects: rubric.dimensions.map((d) => d.id),
		raw: true
	});
	const none = (): RuleOutput => ({ rule: 0, fired: [], floor: 0, ruledOut: false });
	return Object.fromEntries(
		[...rubric.violations, ...rubric.dimensions].map((c) => [c.id, a.rules?.[c.id] ?? none()])
	);
}
