import { checkScenarios, formatProblem, scenarioFiles } from '../lib/server/scenario-files';
import { run } from './run';

run(() => {
	const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : scenarioFiles();
	const { scenarios, problems } = checkScenarios(files);
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
	console.log(`${files.length} scenario files, ${problems.length} problems`);
	if (problems.length > 0) process.exitCode = 1;
});
