import { checkContent } from '../lib/server/content';
import { formatProblem } from '../lib/engine/source';
import { rubricFiles } from '../lib/server/rubric-files';
import { scenarioFiles } from '../lib/server/scenario-files';
import { run } from './run';

run(() => {
	const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : scenarioFiles();
	const rubrics = rubricFiles();
	const { scenarios, problems } = checkContent({ rubrics, scenarios: files });
	for (const { file, paths } of scenarios) {
		console.log(`${file}:`);
		for (const p of paths) {
			const how = p.replies.length === 0 ? 'at once' : p.replies.join(' → ');
			console.log(
				`  ${p.outcome} (${p.state}) in ${p.replies.length} ${p.replies.length === 1 ? 'reply' : 'replies'}: ${how}`
			);
		}
	}
	for (const problem of problems) console.error(formatProblem(problem));
	console.log(
		`${rubrics.length} rubric files, ${files.length} scenario files, ${problems.length} problems`
	);
	if (problems.length > 0) process.exitCode = 1;
});
