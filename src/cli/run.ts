import { DatabaseOpenError } from '../lib/server/db';
import { ContentImportError } from '../lib/server/content';

/** Runs a command-line entry point: a failure prints its message (no stack) and exits 1. */
export function run(main: () => Promise<void> | void): void {
	Promise.resolve()
		.then(main)
		.then(
			() => process.exit(process.exitCode ?? 0),
			(e: unknown) => {
				if (e instanceof DatabaseOpenError || e instanceof ContentImportError) {
					console.error(`error: ${e.message}`);
				} else console.error(e instanceof Error ? `error: ${e.message}` : e);
				process.exit(1);
			}
		);
}
