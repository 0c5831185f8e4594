import fs from 'node:fs';
import path from 'node:path';
import type { Labelled } from '../../engine/scoring/learned/pipeline';
import * as v from 'valibot';
import { sha256Hex } from '../canonical';

const DIR = 'tests/fixtures/scoring';

/**
 * The labelled replies the learned detectors are trained on, each with its writer: the six
 * writers of the corpus (each briefed apart, then re-read by a strict second labeller), and the
 * earlier sets, each written by a writer of its own.
 */
export const TRAINING_SETS: { file: string; writer?: string }[] = [
	...['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((w) => ({
		file: `${DIR}/corpus/reviewed/${w}.jsonl`
	})),
	{ file: `${DIR}/en.jsonl`, writer: 'dev' },
	{ file: `${DIR}/zh.jsonl`, writer: 'dev' },
	{ file: `${DIR}/holdout.jsonl`, writer: 'holdout' },
	{ file: `${DIR}/blind.jsonl`, writer: 'blind1' },
	{ file: `${DIR}/blind2.jsonl`, writer: 'blind2' },
	{ file: `${DIR}/blind3.jsonl`, writer: 'blind3' }
];

/** Sets written after the model was trained: never trained or tuned on, each scored once. */
export const BLIND_SETS = [`${DIR}/blind4.jsonl`, `${DIR}/blind5.jsonl`];

type Line = {
	id: string;
	lang: 'zh' | 'en';
	text: string;
	writer?: string;
	dimensions: Record<string, number>;
	violations: string[];
	/** The criteria this line settles (`dimension:empathy`, `violation:disrespect`); absent, all. */
	criteria?: string[];
};

const lineSchema = v.object({
	id: v.union([v.string(), v.number()]),
	lang: v.picklist(['zh', 'en'], 'lang must be "zh" or "en"'),
	text: v.pipe(v.string('text must be a string'), v.nonEmpty('text is empty')),
	writer: v.optional(v.string()),
	dimensions: v.record(v.string(), v.picklist([0, 1], 'a dimension is 0 or 1')),
	violations: v.array(v.string('a violation is its id')),
	criteria: v.optional(v.array(v.string()))
});

/** One line of a labelled file, or an error that says `file:line:col path: message`. */
function parseLine(file: string, at: number, text: string): Line {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new Error(`${file}:${at}:1: not valid JSON`);
	}
	const result = v.safeParse(lineSchema, data);
	if (!result.success) {
		const issue = result.issues[0];
		throw new Error(`${file}:${at}:1 ${v.getDotPath(issue) ?? ''}: ${issue.message}`);
	}
	return { ...result.output, id: String(result.output.id) };
}

export function readLabelled(file: string, writer?: string, criteria?: string[]): Labelled[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((l, i) => ({ l, at: i + 1 }))
		.filter(({ l }) => l.trim())
		.map(({ l, at }) => {
			const line = parseLine(file, at, l);
			const labels: Record<string, 0 | 1> = {};
			for (const [d, y] of Object.entries(line.dimensions)) labels[d] = y === 1 ? 1 : 0;
			if (line.criteria) {
				// Only what the line settles: its violations listed are present, the others absent.
				for (const key of line.criteria) {
					const [kind, id] = key.split(':');
					if (kind === 'violation') labels[id] = line.violations.includes(id) ? 1 : 0;
				}
			} else {
				for (const c of criteria ?? []) if (!(c in labels)) labels[c] = 0;
				for (const v of line.violations) labels[v] = 1;
			}
			return {
				id: `${path.basename(file, '.jsonl')}:${line.id}`,
				lang: line.lang,
				text: line.text,
				writer: writer ?? line.writer ?? path.basename(file, '.jsonl'),
				labels
			};
		});
}

/** Every training reply, and the hash of the files they came from (recorded in the model). */
export function trainingCorpus(criteria: string[], extra: string[] = []) {
	const sets = [...TRAINING_SETS, ...extra.map((file) => ({ file, writer: undefined }))];
	const items = sets.flatMap((s) => readLabelled(s.file, s.writer, criteria));
	const hash = sha256Hex(
		sets.map((s) => `${s.file}\n${fs.readFileSync(s.file, 'utf8')}`).join('\n')
	);
	return { items, hash };
}
