/**
 * A 100,000-row Judge.me export imported into a fresh database: time, rows
 * per second and the largest heap seen while it runs, which stays near the
 * file's own size because rows are parsed and written 500 at a time.
 * Run: npm run bench:import [-- <rows>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { getStore } from '../db/queries/stores';
import { startImport } from '../worker/domain/import/run';
import { createStore } from '../worker/domain/store-keys';

const total = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'verity-bench-'));
const client = await openEmbedded(`file:${join(dir, 'bench.db')}`);
const db = createDb(client);
await migrateDb(db);
await createStore(db, { id: 'bench', name: 'Bench' }, Date.now());
const store = (await getStore(db, 'bench'))!;

const lines = ['title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location,metaobject_handle'];
for (let i = 0; i < total; i++) {
  lines.push(`Review ${i},"Good product, number ${i}.\nSecond line.",${(i % 5) + 1},2024-01-${String((i % 28) + 1).padStart(2, '0')},web,ok,Writer ${i},w${i}@example.com,p${i % 200},p-${i % 200},${i % 3 ? '' : 'Thanks!'},,,,,`);
}
const text = lines.join('\n');
lines.length = 0;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
let peak = process.memoryUsage().heapUsed;
const t0 = performance.now();
const { done } = await startImport({ db, store, now: Date.now() }, { kind: 'reviews', vendor: 'auto', dryRun: false, format: 'csv', text }, () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
});
const job = await done;
const seconds = (performance.now() - t0) / 1000;
console.log(`${job.imported} of ${total} rows imported (${job.failed} failed) from a ${mb(text.length)} file in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s); peak heap ${mb(peak)}`);
client.close();
rmSync(dir, { recursive: true, force: true });
