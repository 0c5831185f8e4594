import { databasePath, getDb } from '../lib/server/db';
import { run } from './run';

run(() => {
	getDb();
	console.log(`database ready at ${databasePath()}`);
});
