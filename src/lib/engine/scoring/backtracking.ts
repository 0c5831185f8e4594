import { visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { isDisjointWith, JS, NFA, TooManyNodesError } from 'refa';
import { analyse } from 'scslre';

/** Patterns checked before (a rubric is loaded again by every check and test): pattern -> problem. */
const checked = new Map<string, string | null>();
const MAX_NFA_NODES = 10_000;

/**
 * Why a rubric pattern (already known to compile with the `u` flag) could take exponential or
 * high-polynomial time on some reply, or null. Two analyses: scslre finds nested quantifiers that
 * trade characters with themselves (`^(a+)+$`, `(\w+\s?)+$`, `(.*a){12}`), and alternatives that
 * can match the same text under an unbounded quantifier (`(a|a)*b`, `(\w|\d)+$`) are refused
 * here. Neither proves a pattern safe: rarer shapes such as `^(a|aa)+$` still pass.
 */
export function backtrackingProblem(pattern: string): string | null {
	let problem = checked.get(pattern);
	if (problem === undefined) {
		try {
			problem = analysePattern(pattern);
		} catch (e) {
			// The analysers read a few rare shapes that V8 accepts differently, or give up on huge ones.
			const reason = e instanceof TooManyNodesError ? 'too complex' : (e as Error).message;
			problem = `could not be checked for catastrophic backtracking (${reason}): simplify it`;
		}
		if (checked.size > 5_000) checked.clear();
		checked.set(pattern, problem);
	}
	return problem;
}

function analysePattern(pattern: string): string | null {
	const parser = JS.Parser.fromLiteral({ source: pattern, flags: 'u' });
	const { reports } = analyse(
		{ pattern: parser.ast.pattern, flags: parser.ast.flags },
		// Patterns are joined into larger alternations, so a rejecting suffix can always follow.
		{ reportTypes: { Move: false }, assumeRejectingSuffix: true }
	);
	for (const report of reports) {
		const slow = `so a reply of repeated "${report.character.pick}" can take seconds`;
		if (report.type === 'Self')
			return (
				`catastrophic backtracking: the repetition ${report.quant.raw} is nested in ` +
				`${report.parentQuant.raw}, ${slow}; repeat the inner part only once`
			);
		if (report.type === 'Trade' && report.exponential)
			return (
				`catastrophic backtracking: the repetitions ${report.startQuant.raw} and ` +
				`${report.endQuant.raw} can match the same text inside a repeated group, ${slow}`
			);
	}
	return overlappingAlternatives(parser);
}

function overlappingAlternatives(parser: JS.Parser): string | null {
	const groups: (AST.Group | AST.CapturingGroup)[] = [];
	const collect = (group: AST.Group | AST.CapturingGroup) => {
		if (group.alternatives.length > 1 && insideUnboundedRepetition(group)) groups.push(group);
	};
	visitRegExpAST(parser.ast.pattern, { onGroupEnter: collect, onCapturingGroupEnter: collect });
	for (const group of groups) {
		const nfas = group.alternatives.map((alternative) => {
			const { expression, maxCharacter } = parser.parseElement(alternative, {
				backreferences: 'disable',
				assertions: 'ignore',
				maxNodes: MAX_NFA_NODES
			});
			return NFA.fromRegex(
				expression,
				{ maxCharacter },
				{ assertions: 'ignore', unknowns: 'disable' },
				new NFA.LimitedNodeFactory(MAX_NFA_NODES)
			);
		});
		for (let i = 0; i < nfas.length; i++) {
			for (let j = i + 1; j < nfas.length; j++) {
				if (!isDisjointWith(nfas[i], nfas[j], MAX_NFA_NODES)) {
					const [a, b] = [group.alternatives[i].raw, group.alternatives[j].raw];
					return (
						`catastrophic backtracking: the alternatives "${a}" and "${b}" of the repeated group ` +
						`${group.raw} can match the same text; make them exclusive`
					);
				}
			}
		}
	}
	return null;
}

function insideUnboundedRepetition(node: AST.Node): boolean {
	for (let parent = node.parent; parent; parent = parent.parent) {
		if (parent.type === 'Quantifier' && parent.max === Infinity) return true;
	}
	return false;
}
