import { parseArgs } from 'node:util';
import { checkContent } from '../lib/server/content';
import { CATALOGUE_FILE, loadCatalogue } from '../lib/server/criteria-files';
import { formatProblem } from '../lib/engine/source';
import { rubricFiles } from '../lib/server/rubric-files';
import { scenarioFiles } from '../lib/server/scenario-files';
import { run } from './run';

run(() => {
	const { values, positionals } = parseArgs({
		options: { catalogue: { type: 'string', default: CATALOGUE_FILE } },
		allowPositionals: true
	});
	const files = positionals.length > 0 ? positionals : scenarioFiles();
	const rubrics = rubricFiles();
	const checked = checkContent({ rubrics, scenarios: files });
	const catalogue = loadCatalogue(
		values.catalogue,
		checked.rubrics.map((r) => r.rubric)
	);
	const problems = [...checked.problems, ...(catalogue.ok ? [] : catalogue.problems)];
	for (const { file, paths, plays } of checked.scenarios) {
		console.log(`${file}:`);
		for (const play of plays ?? [])
			console.log(
				`  reference replies (${play.lang}): ${play.outcome} in ${play.replies.length}, scoring ${play.replies.map((r) => r.score).join(', ')}; attempt ${play.score}`
			);
		for (const p of paths) {
			const how = p.replies.length === 0 ? 'at once' : p.replies.join(' → ');
			console.log(
				`  ${p.outcome} (${p.state}) in ${p.replies.length} ${p.replies.length === 1 ? 'reply' : 'replies'}: ${how}`
			);
		}
	}
	if (catalogue.ok)
		console.log(`${values.catalogue}: ${catalogue.catalogue.clauses.length} clauses`);
	for (const problem of problems) console.error(formatProblem(problem));
	console.log(
		`${rubrics.length} rubric files, ${files.length} scenario files, 1 catalogue file, ${problems.length} problems`
	);
	if (problems.length > 0) process.exitCode = 1;
});
