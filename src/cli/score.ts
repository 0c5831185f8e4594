import readline from 'node:readline';
import { assessReply, MAX_REPLY_LENGTH } from '../lib/engine/scoring';
import { DEFAULT_RUBRIC, projectRubric } from '../lib/server/rubric-files';
import { run } from './run';

const usage = `usage: npm run --silent score -- --jsonl [--rubric KEY] < replies.jsonl
       npm run --silent score -- --text "reply" [--lang zh|en] [--rubric KEY]`;

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

const isLang = (x: unknown): x is 'zh' | 'en' => x === 'zh' || x === 'en';

/** One input line to one output line; a bad line becomes {"id", "error"} and the run goes on. */
function scoreLine(
	line: string,
	rubric: ReturnType<typeof projectRubric>
): { out: object; ok: boolean } {
	let input: unknown;
	try {
		input = JSON.parse(line);
	} catch {
		return { out: { id: null, error: 'not valid JSON' }, ok: false };
	}
	const item = (typeof input === 'object' && input !== null ? input : {}) as Record<
		string,
		unknown
	>;
	const id = item.id ?? null;
	if (typeof item.text !== 'string')
		return { out: { id, error: 'text must be a string' }, ok: false };
	if (item.lang !== undefined && !isLang(item.lang))
		return { out: { id, error: 'lang must be "zh" or "en"' }, ok: false };
	if (item.text.length > MAX_REPLY_LENGTH) {
		return { out: { id, error: `text is longer than ${MAX_REPLY_LENGTH} characters` }, ok: false };
	}
	return { out: { id, ...assessReply(item.text, { rubric, lang: item.lang }) }, ok: true };
}

run(async () => {
	const args = process.argv.slice(2);
	const rubric = projectRubric(option(args, '--rubric') ?? DEFAULT_RUBRIC);
	const text = option(args, '--text');
	if (text !== undefined) {
		const lang = option(args, '--lang');
		if (lang !== undefined && !isLang(lang)) throw new Error('--lang must be zh or en');
		console.log(JSON.stringify(assessReply(text, { rubric, lang })));
		return;
	}
	if (!args.includes('--jsonl')) {
		console.error(usage);
		process.exitCode = 2;
		return;
	}
	let failed = 0;
	const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of lines) {
		if (!line.trim()) continue;
		const { out, ok } = scoreLine(line, rubric);
		if (!ok) failed++;
		process.stdout.write(`${JSON.stringify(out)}\n`);
	}
	if (failed > 0) {
		console.error(`${failed} line(s) could not be scored`);
		process.exitCode = 1;
	}
});
