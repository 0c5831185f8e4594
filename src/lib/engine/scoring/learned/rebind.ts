import type { Problem } from '../../source';
import { loadModel, rubricHash } from './load';

/**
 * A rubric's model, bound to a changed text of that rubric. The model reads words, not the rubric's
 * phrase lists, and its stackers read which of a criterion's detectors fired by position: a change
 * that only adds or removes phrases and example replies (and appends a detector, which the stacker
 * then reads through the rule alone) leaves it as valid as it was. It must load cleanly for the
 * text it was bound to; the new binding keeps the hash of the rubric it was trained for.
 */
export function rebindModel(
	model: { file: string; text: string },
	base: { text: string; key: string; violations: readonly string[] },
	changedText: string
): { ok: true; text: string } | { ok: false; problems: Problem[] } {
	const loaded = loadModel(model.file, model.text, base.text, base.key, base.violations);
	if ('problems' in loaded) return { ok: false, problems: loaded.problems };
	const data = JSON.parse(model.text) as { rubric: { hash: string; trainedFor?: string } };
	const trainedFor = data.rubric.trainedFor ?? data.rubric.hash;
	data.rubric = { ...data.rubric, hash: rubricHash(changedText), trainedFor };
	return { ok: true, text: JSON.stringify(data) };
}
