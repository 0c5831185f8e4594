import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The end of `npm run demo`: starts the production build in this process, like `npm start`, and
// ends with the address to open. adapter-node announces where it listens (http://0.0.0.0:3000),
// which is not an address the app accepts forms from unless ORIGIN says so.
const port = (process.env.PORT ??= '3000');
const origin = (process.env.ORIGIN ??= `http://localhost:${port}`);

const entry = path.resolve('build/index.js');
if (!fs.existsSync(entry)) {
	console.error('error: no production build: run `npm run build` first');
	process.exit(1);
}
const { server } = (await import(pathToFileURL(entry).href)) as { server: { server: Server } };

const announce = () =>
	console.log(`\nOpen ${origin} in your browser and sign in with a demo login (Ctrl+C stops).`);
if (server.server.listening) announce();
else server.server.once('listening', announce);
