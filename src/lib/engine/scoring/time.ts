/**
 * Time expressions that make a promise checkable: "by 5 pm today", "within 48 hours", "tomorrow
 * morning", "本周五前", "48小时内", "明天上午". Matched on normalised text (lower case, half-width,
 * simplified Chinese).
 */
const num =
	'(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-four|thirty|forty-eight|seventy-two|a couple of|a few|an?)';
const day = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const month =
	'(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const clock =
	"(?:\\d{1,2}(?::\\d{2}|\\.\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'clock)|\\d{1,2}:\\d{2}|noon|midday|midnight)";
const part = '(?:morning|afternoon|evening|night|lunchtime)';
const unit = '(?:minutes?|mins?|hours?|hrs?|days?|business days?|working days?|weeks?)';

const english = [
	`\\b(?:by|before|until|till|no later than|at|around|from|between)\\s+(?:${clock}|${day}|tomorrow|tonight|today|the end of (?:the |this )?(?:day|week|month)|end of (?:the |this )?(?:day|week)|close of business|eod|cob)\\b`,
	`\\b(?:within|in|inside|under)\\s+(?:the next\\s+)?${num}\\s+${unit}\\b`,
	`\\b${num}\\s*-?\\s*${unit}\\s+(?:from now|at most|at the latest)\\b`,
	`\\b(?:tomorrow|tonight|today)(?:\\s+(?:${part}|at\\s+${clock}))?\\b`,
	`\\b(?:this|tomorrow|on ${day})\\s+${part}\\b`,
	`\\b(?:this|next|on|by|before)\\s+(?:${day}|week|weekend)\\b`,
	`\\b(?:on\\s+)?${day}\\b`,
	`\\b${clock}`,
	`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\b|\\b${month}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
	`\\b(?:within the hour|first thing tomorrow)\\b`
];

const cn = '[\\d一二两三四五六七八九十半]';
const chinese = [
	`(?:今天|今日|今晚|明天|明日|后天|明早|明晚|今早)(?:上午|下午|晚上|中午|早上|傍晚)?(?:${cn}+[点时](?:半|${cn}+分?)?)?(?:前|之前|以前)?`,
	`(?:本|这|下|下个)?(?:周|星期|礼拜)[一二三四五六日天](?:上午|下午|晚上)?(?:前|之前)?`,
	`(?:上午|下午|晚上|中午|早上|傍晚)${cn}{1,3}[点时](?:半|${cn}+分?)?(?:前|之前|以前|左右)?`,
	`\\d{1,2}\\s*[点时](?:半|\\d+分?)?(?:前|之前|以前|左右)?|\\d{1,2}:\\d{2}`,
	`[一二两三四五六七八九十]{1,3}点(?:半|钟|前|之前|以前)`,
	`${cn}+\\s*(?:个)?\\s*(?:小时|钟头|分钟|天|日|个?工作日|周|星期)(?:内|之内|以内|后)`,
	`(?:\\d{1,2}|[一二三四五六七八九十]+)月(?:\\d{1,2}|[一二三四五六七八九十]+)[日号](?:前|之前)?`,
	`(?:\\d{1,2}|[一二三四五六七八九十]+)[日号](?:前|之前)`,
	`(?:本周|这周|本月|月底|周末)(?:内|之前|前)?`
];

const pattern = new RegExp(`${english.join('|')}|${chinese.join('|')}`, 'g');

/** Every time expression in a normalised text, as spans. */
export function findTimes(text: string): { start: number; end: number }[] {
	const found: { start: number; end: number }[] = [];
	for (const m of text.matchAll(pattern)) {
		if (m[0].trim().length === 0) continue;
		found.push({ start: m.index, end: m.index + m[0].length });
	}
	return found;
}
