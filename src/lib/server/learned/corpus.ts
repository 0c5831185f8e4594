import fs from 'node:fs';
import path from 'node:path';
import type { Labelled } from '../../engine/scoring/learned/pipeline';
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
};

export function readLabelled(file: string, writer?: string, criteria?: string[]): Labelled[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => {
			const line = JSON.parse(l) as Line;
			const labels: Record<string, 0 | 1> = {};
			for (const [d, y] of Object.entries(line.dimensions)) labels[d] = y === 1 ? 1 : 0;
			for (const c of criteria ?? []) if (!(c in labels)) labels[c] = 0;
			for (const v of line.violations) labels[v] = 1;
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
