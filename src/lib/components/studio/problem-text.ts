/**
 * The scenario checks speak English (they also serve `npm run scenarios:check`); this gives each of
 * their message templates in Chinese, with its parameters, for the studio. A message with no
 * translation is shown as it is: problem-text.spec.ts fails when the engine gains one.
 */
type Rule = [RegExp, (...groups: string[]) => string];

const lang = (l: string) => (l === 'zh' ? '中文' : l === 'en' ? '英文' : l);
const WHAT: Record<string, string> = {
	'a text with zh and en': '包含 zh 和 en 的文本',
	'a text with zh and en, or a list of them': '包含 zh 和 en 的文本，或由这样的文本组成的列表',
	'a transition with guard (or otherwise), to and mood':
		'包含 guard（或 otherwise）、to 和 mood 的转换',
	'a state': '一个状态',
	'a scenario': '一个场景',
	'a persona with name, temperament and mood': '包含 name、temperament 和 mood 的客户设定',
	'an offer with a label and zh and en phrases': '包含 label 以及 zh、en 说法的可提供事项',
	'a dimension id': '维度标识',
	key: '场景标识 key',
	rubric: '评分标准 rubric',
	'guard name': '条件名称',
	'state name': '状态名称'
};
const what = (w: string) => WHAT[w] ?? w;

/** YAML syntax errors of the yaml library most often met while typing. */
const SYNTAX: Record<string, string> = {
	'Nested mappings are not allowed in compact mappings':
		'紧凑写法的映射中不能再嵌套映射（检查缩进和冒号）',
	'Implicit keys need to be on a single line': '键必须写在同一行内（检查缩进或是否少了冒号）',
	'Implicit map keys need to be followed by map values': '键后面需要跟值（是否少了冒号后的内容？）',
	'Block collections are not allowed within flow collections':
		'方括号或花括号内不能使用分行的列表或映射',
	'All mapping items must start at the same column': '同一层的各项必须从同一列开始（检查缩进）',
	'All sequence items must start at the same column': '列表各项必须从同一列开始（检查缩进）',
	'Tabs are not allowed as indentation': '缩进不能使用制表符，请用空格',
	'Map keys must be unique': '同一层不能有重复的键'
};

const rules: Rule[] = [
	// source.ts
	[/^duplicate key$/, () => '重复的键'],
	[
		/^unknown alias \*(.+): set the anchor &(.+) before it$/,
		(a, b) => `未知的别名 *${a}：请先在前面设置锚点 &${b}`
	],
	[
		/^alias \*(.+) is inside the node it names \(a loop\)$/,
		(a) => `别名 *${a} 位于它所指向的节点内部（形成循环）`
	],
	[
		/^aliases expand to more than (.+) values \(an alias bomb\?\): use fewer or smaller aliases$/,
		(n) => `别名展开后超过 ${n} 个值（疑似别名炸弹）：请减少别名或缩小其内容`
	],
	// schema.ts
	[/^missing field (.+)$/, (f) => `缺少字段 ${f}`],
	[/^unknown field (.+)$/, (f) => `未知字段 ${f}`],
	[/^missing translation$/, () => '缺少译文（zh 和 en 都要填写）'],
	[/^otherwise must be true$/, () => 'otherwise 只能是 true'],
	[/^missing target state "to"$/, () => '缺少目标状态 "to"'],
	[/^best must be true$/, () => 'best 只能是 true'],
	[/^mood change must be a number$/, () => '情绪变化（mood）必须是数字'],
	[/^expects lists dimension ids$/, () => 'expects 应列出维度标识'],
	[/^expects lists at least one dimension$/, () => 'expects 至少要列出一个维度'],
	[/^a state needs at least its otherwise transition$/, () => '每个状态至少要有 otherwise 转换'],
	[
		/^(outcome|bestOutcome|category|temperament) must be one of (.+)$/,
		(f, list) => `${f} 只能取以下之一：${list}`
	],
	[/^version must be a number$/, () => 'version 必须是数字'],
	[/^difficulty must be 1, 2 or 3$/, () => 'difficulty 只能是 1、2 或 3'],
	[/^source cases are C1 to C16$/, () => '来源案例只能是 C1 到 C16'],
	[/^name at least one source case$/, () => '至少列出一个来源案例'],
	[/^mood must be a number from 0 to 100$/, () => 'mood 必须是 0 到 100 之间的数字'],
	[/^empty phrase$/, () => '说法不能为空'],
	[/^maxTurns must be a number$/, () => 'maxTurns 必须是数字'],
	[/^missing start state$/, () => '缺少开始状态 start'],
	[/^(.+) must be text$/, (w) => `${what(w)}必须是文本`],
	[
		/^(.+) must be lower-case letters, digits, - or _$/,
		(w) => `${what(w)}只能由小写字母、数字、- 或 _ 组成`
	],
	[/^expected (.+)$/, (w) => `这里应为${what(w)}`],
	[/^(a dimension id)$/, (w) => `这里应为${what(w)}`],
	// load.ts
	[/^unknown state "(.+)"$/, (s) => `未知状态 "${s}"`],
	[/^a final state \(with an outcome\) has no (.+)$/, (f) => `结束状态（有 outcome）不能有 ${f}`],
	[/^a final state needs its outcome text$/, () => '结束状态需要填写结局文本 text'],
	[/^missing the customer's line \(customer\)$/, () => '缺少客户的台词（customer）'],
	[/^missing the ideal reply \(ideal\)$/, () => '缺少参考回复（ideal）'],
	[/^only final states have an outcome text$/, () => '只有结束状态才有结局文本 text'],
	[
		/^missing transitions \(on\), ending with otherwise$/,
		() => '缺少转换（on），最后一项应为 otherwise'
	],
	[/^otherwise takes no guard$/, () => 'otherwise 不能带 guard'],
	[/^otherwise must be the last transition$/, () => 'otherwise 必须是最后一个转换'],
	[
		/^a transition needs a guard, or otherwise: true$/,
		() => '转换需要 guard，或写 otherwise: true'
	],
	[
		/^at most one transition of a state is marked best$/,
		() => '一个状态最多只能有一个转换标记为 best'
	],
	[/^rubric "(.+)" has no dimension "(.+)"$/, (r, d) => `评分标准 "${r}" 中没有维度 "${d}"`],
	[/^rubric "(.+)" has no violation "(.+)"$/, (r, v) => `评分标准 "${r}" 中没有违规项 "${v}"`],
	[
		/^missing otherwise: the last transition must be \{ otherwise: true, to: … \}$/,
		() => '缺少 otherwise：最后一个转换必须是 { otherwise: true, to: … }'
	],
	[
		/^a scenario needs at least one final state \(with an outcome\)$/,
		() => '场景至少需要一个结束状态（有 outcome）'
	],
	// guards.ts
	[/^unknown guard "(.+)"$/, (g) => `未知条件 "${g}"`],
	[/^guard "(.+)" refers to itself$/, (g) => `条件 "${g}" 引用了自身`],
	[
		/^a guard is a name or an object such as \{ violation: brush_off \}$/,
		() => '条件应为一个名称，或类似 { violation: brush_off } 的对象'
	],
	[
		/^(.+) takes \{ atLeast: n \} and\/or \{ atMost: n \}$/,
		(k) => `${k} 应写作 { atLeast: n } 和/或 { atMost: n }`
	],
	[
		/^(.+) bounds are numbers from 0 to (.+)$/,
		(k, n) => `${k} 的上下限必须是 0 到 ${n} 之间的数字`
	],
	[/^(.+) takes a list of guards$/, (k) => `${k} 需要一个条件列表`],
	[/^dimension takes a dimension id$/, () => 'dimension 需要一个维度标识'],
	[
		/^atLeast for a dimension is a number from 0 to 1$/,
		() => '维度的 atLeast 必须是 0 到 1 之间的数字'
	],
	[/^a guard has one kind, found (.+)$/, (k) => `一个条件只能有一种类型，这里有：${k}`],
	[/^violation takes a violation id$/, () => 'violation 需要一个违规项标识'],
	[/^critical takes true$/, () => 'critical 只能是 true'],
	[
		/^dimension needs atLeast, e\.g\. \{ dimension: empathy, atLeast: 0\.5 \}$/,
		() => 'dimension 需要 atLeast，例如 { dimension: empathy, atLeast: 0.5 }'
	],
	[/^turn takes \{ atLeast: n \}$/, () => 'turn 应写作 { atLeast: n }'],
	// lint.ts
	[
		/^unreachable state: no transition leads to "(.+)"$/,
		(s) => `无法到达的状态：没有任何转换通向 "${s}"`
	],
	[
		/^no way out: from "(.+)" no transition leads to an ending$/,
		(s) => `没有出路：从 "${s}" 出发无法到达任何结局`
	],
	[
		/^the path (.+) takes (.+) replies, more than maxTurns \((.+)\)$/,
		(p, n, max) => `路径 ${p} 需要 ${n} 次回复，超过了 maxTurns（${max}）`
	],
	[
		/^outcome "(.+)" of "(.+)" is never reached by any sample reply$/,
		(o, s) => `"${s}" 的结局 "${o}" 任何样例回复都无法到达`
	],
	[/^the Chinese text has no Chinese characters$/, () => '中文文本里没有中文字符'],
	[/^the English text does not look English$/, () => '英文文本看起来不像英文'],
	// references.ts
	[
		/^the reference reply \((.+?)\) goes to "(.+)", not to the best transition's "(.+)"$/,
		(l, got, best) => `参考回复（${lang(l)}）走向了 "${got}"，而不是 best 转换指向的 "${best}"`
	],
	[
		/^played in order, the reference replies \((.+?)\) end (.+), not (.+)$/,
		(l, got, best) => `按顺序使用参考回复（${lang(l)}），结局是 ${got}，而不是 ${best}`
	],
	[/^the reference reply \((.+?)\) (.+)$/, (l, rest) => `参考回复（${lang(l)}）${reference(rest)}`],
	// scenario-files.ts, content.ts
	[
		/^duplicate scenario key "(.+)" \(also in (.+)\)$/,
		(k, f) => `场景标识 "${k}" 重复（${f} 中也有）`
	],
	[/^no rubric "(.+)" in scenarios\/rubrics$/, (r) => `scenarios/rubrics 中没有评分标准 "${r}"`],
	[/^no published rubric "(.+)"$/, (r) => `没有已发布的评分标准 "${r}"`],
	// valibot's own messages, for checks that name none
	[/^Invalid integer: Received (.+)$/, (x) => `必须是整数，这里是 ${x}`],
	[/^Invalid value: Expected >=(.+) but received (.+)$/, (n, x) => `不能小于 ${n}，这里是 ${x}`],
	[/^Invalid value: Expected <=(.+) but received (.+)$/, (n, x) => `不能大于 ${n}，这里是 ${x}`],
	[/^Invalid length: Expected >=(.+) but received (.+)$/, (n) => `至少需要 ${n} 项`],
	[/^Invalid type: Expected (.+) but received (.+)$/, (t, x) => `类型不对：应为 ${t}，这里是 ${x}`],
	[/^Invalid (.+): Received (.+)$/, (_t, x) => `值无效：${x}`]
];

/** What a reference reply's own problems say, in Chinese. */
function reference(rest: string): string {
	const missing = /^does not show (.+)$/.exec(rest);
	if (missing) return `没有体现 ${missing[1]}`;
	const raises = /^raises (\S+) \((.*)\)$/.exec(rest);
	if (raises) return `触发了违规项 ${raises[1]}（${raises[2]}）`;
	if (rest === 'reads as a run of keywords') return '读起来像一串关键词';
	return rest;
}

/** The Chinese for an engine message, or null when none of the templates matches. */
export function toChinese(message: string): string | null {
	if (SYNTAX[message]) return SYNTAX[message];
	for (const [pattern, render] of rules) {
		const match = pattern.exec(message);
		if (match) return render(...match.slice(1));
	}
	return null;
}

/**
 * A located problem's message in the reader's language. A YAML syntax error (no path) that is not
 * translated keeps the library's words behind a Chinese lead-in.
 */
export function problemText(problem: { message: string; path?: string }, locale: string): string {
	if (locale !== 'zh-CN') return problem.message;
	const zh = toChinese(problem.message);
	if (zh) return zh;
	return problem.path ? problem.message : `YAML 格式有误：${problem.message}`;
}
