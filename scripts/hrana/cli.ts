/** Runs the local libSQL HTTP endpoint: `tsx db/hrana-cli.ts --url file:./data/verity.db --port 8080` (used by `npm run dev`). */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath, startHranaServer } from './server';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'file:./data/verity.db' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'auth-token': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const path = databasePath(values.url);
// A fresh checkout has no data/ directory yet, and SQLite will not create one.
if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

const server = await startHranaServer({ url: values.url, port, host: values.host, authToken: values['auth-token'] });
console.log(`libSQL (Hrana over HTTP) for ${values.url} listening on ${server.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Closing rolls back any open stream transaction, so the file is left consistent.
    void server.close().then(() => process.exit(0));
  });
}
