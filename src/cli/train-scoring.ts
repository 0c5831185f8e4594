import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { labelsOf, trainModel } from '../lib/engine/scoring/learned/pipeline';
import { rubricHash } from '../lib/engine/scoring/learned/load';
import { loadRubric } from '../lib/engine/scoring';
import { formatProblem } from '../lib/engine/source';
import { trainingCorpus } from '../lib/server/learned/corpus';
import { DEFAULT_RUBRIC, modelFileOf, RUBRIC_DIR } from '../lib/server/rubric-files';
import { run } from './run';

// npm run train:scoring [-- --rubric FILE] [--with-labels FILE.jsonl]: trains the learned detectors
// from the labelled files with a fixed seed and writes the model beside its rubric. Running it
// again on the same files writes the same bytes.
run(() => {
	const { values } = parseArgs({
		options: {
			rubric: { type: 'string', default: `${RUBRIC_DIR}/${DEFAULT_RUBRIC}.yaml` },
			'with-labels': { type: 'string', multiple: true, default: [] }
		}
	});
	const file = values.rubric!;
	const text = fs.readFileSync(file, 'utf8');
	const loaded = loadRubric(file, text);
	if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
	const started = Date.now();
	const { items, hash } = trainingCorpus(labelsOf(loaded.rubric), values['with-labels']);
	const model = trainModel({
		rubric: loaded.rubric,
		rubricHash: rubricHash(text),
		dataHash: hash,
		items
	});
	const out = modelFileOf(file);
	const json = JSON.stringify(model);
	fs.writeFileSync(out, json);
	console.log(
		`${out}: ${items.length} replies from ${model.data.writers.length} writers, ${model.vocab.length} features, ` +
			`${(json.length / 1024 / 1024).toFixed(2)} MB, trained in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
});
