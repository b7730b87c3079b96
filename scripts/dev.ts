/**
 * `npm run dev`: the Worker in the real workerd runtime (wrangler dev), with
 * its database behind the local Hrana endpoint over an embedded file, since
 * there is no sqld on these machines. Production points LIBSQL_URL at Turso
 * or sqld instead. It runs wrangler.toml's [env.dev], so no local value sits
 * where a deployment would pick it up.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { startHranaServer } from './hrana/server';
import { migrateDb } from '../db/migrate';
import { listStores } from '../db/queries/stores';
import { seedDemo } from '../worker/domain/demo-store';

const dataDir = process.env.VERITY_DATA_DIR ?? './data';
const port = Number(process.env.PORT ?? 8787);
const hranaPort = Number(process.env.HRANA_PORT ?? 8080);
const dbUrl = `file:${join(dataDir, 'dev.db')}`;

mkdirSync(dataDir, { recursive: true });
const client = await openEmbedded(dbUrl);
const db = createDb(client);
await migrateDb(db);
if ((await listStores(db)).length === 0) {
  const demo = await seedDemo(db, { origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`], now: Date.now() });
  writeFileSync(join(dataDir, 'dev-demo.json'), JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  console.log(`Created the demo store; its keys are in ${join(dataDir, 'dev-demo.json')}`);
}
client.close();

const hrana = await startHranaServer({ url: dbUrl, port: hranaPort, host: '127.0.0.1' });
console.log(`libSQL (Hrana over HTTP) on ${hrana.url}, backed by ${dbUrl}`);

const wrangler = spawn(
  'wrangler',
  ['dev', '--env', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--var', `LIBSQL_URL:${hrana.url}`, '--var', `PUBLIC_URL:http://127.0.0.1:${port}`, '--persist-to', join(dataDir, 'wrangler'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const stop = () => wrangler.kill('SIGINT');
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
wrangler.on('exit', (code) => {
  void hrana.close().then(() => process.exit(code ?? 0));
});
