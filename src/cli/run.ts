import { DatabaseOpenError } from '../lib/server/db';
import { ScenarioImportError } from '../lib/server/scenarios';

/** Runs a command-line entry point: expected failures print one line and exit 1. */
export function run(main: () => Promise<void> | void): void {
	Promise.resolve()
		.then(main)
		.then(
			() => process.exit(process.exitCode ?? 0),
			(e: unknown) => {
				if (e instanceof DatabaseOpenError || e instanceof ScenarioImportError) {
					console.error(`error: ${e.message}`);
				} else console.error(e);
				process.exit(1);
			}
		);
}
