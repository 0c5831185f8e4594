import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { exportLabels } from '../lib/server/learned/export';
import { run } from './run';

// npm run labels:export [-- --out FILE]: every label people settled, as JSON lines in the
// LABELS.md format (train with: npm run train:scoring -- --with-labels FILE).
run(() => {
	const { values } = parseArgs({ options: { out: { type: 'string' } } });
	const lines = exportLabels();
	const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
	if (values.out) {
		fs.writeFileSync(values.out, text);
		const by = (s: string) => lines.filter((l) => l.source === s).length;
		console.error(
			`${values.out}: ${lines.length} labelled replies (${by('review')} reviews, ${by('calibration')} calibration consensus, ${by('decision')} review decisions, ${by('dispute')} won disputes)`
		);
	} else process.stdout.write(text);
});
