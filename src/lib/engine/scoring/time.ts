/**
 * Time expressions that make a promise checkable ("by 5 pm today", "within the hour", "11:30",
 * "half past eleven", "本周五前", "半小时内", "明早八点", "十一点半"), matched on normalised text (lower
 * case, half-width, simplified Chinese). A date told back about the past ("you bought it on 28
 * October", "您11月8日装的空调") is found but marked past: it commits to nothing.
 */
import { execAll } from './normalize';

const num =
	'(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-four|thirty|forty-five|forty-eight|seventy-two|a couple of|a few|an?)';
const hourWord = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,2})';
const day = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const month =
	'(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const clock = `(?:\\d{1,2}(?::\\d{2}|\\.\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'clock)|\\d{1,2}:\\d{2}|(?:half|quarter) (?:past|to) ${hourWord}(?:\\s*(?:am|pm|o'clock))?|${hourWord} (?:thirty|fifteen|forty-five)(?:\\s*(?:am|pm))?|${hourWord} o'clock|noon|midday|midnight)`;
const part = '(?:morning|afternoon|evening|night|lunchtime)';
const unit = '(?:minutes?|mins?|hours?|hrs?|days?|business days?|working days?|weeks?)';

const english = [
	`\\b(?:by|before|until|till|no later than|at|around|from|between)\\s+(?:${clock}|${day}|tomorrow|tonight|today|the end of (?:the |this )?(?:day|week|month)|end of (?:the |this )?(?:day|week)|close of business|eod|cob)\\b`,
	`\\b(?:within|in|inside|under)\\s+(?:the next\\s+)?${num}\\s+${unit}\\b`,
	`\\b(?:within|in) (?:the |an |half an |the next )?(?:hour|half hour|half-hour)\\b`,
	`\\b${num}\\s*-?\\s*${unit}\\s+(?:from now|at most|at the latest)\\b`,
	`\\b(?:tomorrow|tonight|today)(?:\\s+(?:${part}|at\\s+${clock}))?\\b`,
	`\\b(?:this|tomorrow|on ${day})\\s+${part}\\b`,
	`\\b(?:this|next|on|by|before)\\s+(?:${day}|week|weekend)\\b`,
	`\\b(?:on\\s+)?${day}\\b`,
	`\\b${clock}`,
	`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\b|\\b${month}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
	`\\b(?:first thing tomorrow|end of day)\\b`,
	`\\bbefore (?:we|you) (?:hang up|finish|end)(?: (?:this|the) call)?\\b|\\b(?:on|during|in) this (?:call|phone call)\\b`
];

const cn = '[\\d一二两三四五六七八九十半]';
const hour = `(?:\\d{1,2}|[一二两三四五六七八九十]{1,3})`;
const minutes = `(?:半|一刻|三刻|\\d{1,2}分?|[一二三四五六七八九十]{1,3}分?)`;
const clockZh = `${hour}\\s*[点时](?:${minutes})?(?:钟)?`;
const chinese = [
	`(?:今天|今日|今晚|明天|明日|后天|明早|明晚|今早|明儿)(?:上午|下午|晚上|中午|早上|傍晚|一早)?(?:${clockZh})?(?:前|之前|以前)?`,
	`(?:本|这|下|下个)?(?:周|星期|礼拜)[一二三四五六日天](?:上午|下午|晚上)?(?:${clockZh})?(?:前|之前)?`,
	`(?:上午|下午|晚上|中午|早上|傍晚)${clockZh}(?:前|之前|以前|左右)?`,
	`${clockZh}(?:前|之前|以前|左右)?`,
	`\\d{1,2}:\\d{2}`,
	`(?:${cn}+|半)\\s*(?:个)?\\s*(?:小时|钟头|分钟|天|日|个?工作日|周|星期)(?:内|之内|以内|后)`,
	`(?:\\d{1,2}|[一二三四五六七八九十]+)月(?:\\d{1,2}|[一二三四五六七八九十]+)[日号](?:前|之前)?`,
	`(?:\\d{1,2}|[一二三四五六七八九十]+)[日号](?:前|之前)`,
	`(?:本周|这周|本月|月底|周末)(?:内|之前|前)?`,
	`挂(?:电话|断电话)?(?:之)?前|(?:这通|本次)?通话结束前|在?这通电话里`
];

const pattern = new RegExp(`${english.join('|')}|${chinese.join('|')}`, 'g');

/** Words around a time that tell it happened: the reply is telling the past back. */
const pastAfterZh =
	/^\s*(?:就|已经|才|刚)?(?:装|买|购|送|下单|安装|到货|上门|约|预约|付|签收|收到|提交|申请|打|来|去|开|修|换|退|办|交)[了的过]/;
const pastBeforeZh = /(?:是|在|于|已于|从|自从|早在|上次|之前)\s*$/;
const pastBeforeEn =
	/\b(?:on|since|back on|as of)\s*$|\b(?:bought|installed|delivered|ordered|booked|purchased|arrived|came|paid|called|rang|visited|fitted|was|were|had|did|went|signed)\b[^.?!,]{0,30}$/;
const futureBefore = /\b(?:by|before|until|till|within|no later than)\s*$/;

/** Whether the time at [start, end) is told about the past rather than promised. */
function isPast(text: string, start: number, end: number, matched: string): boolean {
	if (/(?:前|之前|以前|内|之内|以内)$/.test(matched)) return false;
	if (/^(?:by|before|until|till|within|no later than)\b/.test(matched)) return false;
	const before = text.slice(Math.max(0, start - 40), start);
	const after = text.slice(end, end + 8);
	if (/[\p{Script=Han}]/u.test(matched) || /^\d/.test(matched)) {
		if (pastAfterZh.test(after)) return true;
		if (pastBeforeZh.test(before) && /^\s*(?:[\p{Script=Han}]{0,4})的/u.test(after)) return true;
	}
	if (/[a-z]/.test(matched) || /^\d/.test(matched)) {
		const lead = before.slice(before.search(/[^.?!]*$/));
		if (pastBeforeEn.test(lead) && !futureBefore.test(lead.trimEnd().slice(-12)))
			return !/\b(?:will|'ll|going to|shall)\b/.test(lead);
	}
	return /\b(?:yesterday|last week|ago)\b|昨天|前天|上周|上个月/.test(before.slice(-14));
}

export type TimeSpan = { start: number; end: number; past: boolean };

/** Every time expression in a normalised text, as spans, each marked past or not. */
export function findTimes(text: string): TimeSpan[] {
	const found: TimeSpan[] = [];
	for (const m of execAll(pattern, text)) {
		const matched = m[0];
		if (matched.trim().length === 0) continue;
		// Trim the spaces a pattern may have taken at its edges.
		const start = m.index + (matched.length - matched.trimStart().length);
		const end = m.index + matched.trimEnd().length;
		found.push({ start, end, past: isPast(text, start, end, matched.trim()) });
	}
	return found;
}
