/**
 * How long a product summary takes with 100,000 reviews, against what a
 * recount would cost. Run: npm run bench:summary [-- <reviews>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { upsertProducts } from '../db/queries/products';
import { getProductSummary } from '../db/queries/stats';
import { createStore } from '../worker/domain/store-keys';

const total = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'verity-bench-'));
const client = await openEmbedded(`file:${join(dir, 'bench.db')}`);
const db = createDb(client);
await migrateDb(db);
await createStore(db, { id: 'bench', name: 'Bench' }, Date.now());
const [product] = await upsertProducts(db, 'bench', [{ externalId: 'p', name: 'P' }], Date.now());
const productId = product!.id;

const t0 = performance.now();
const chunk = 5_000;
for (let done = 0; done < total; done += chunk) {
  const n = Math.min(chunk, total - done);
  // One INSERT … SELECT per chunk: the triggers run per row, as they do for API writes.
  await db.run(sql`
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
    INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, verified, status, created_at, updated_at)
    SELECT 'rv_bench' || (${done} + i), 'bench', ${productId}, 1 + abs(random()) % 5, 'body', '<p>body</p>', 'n', 'n@example.com',
      abs(random()) % 2, CASE WHEN abs(random()) % 10 = 0 THEN 'pending' ELSE 'published' END, ${done} + i, ${done} + i
    FROM seq`);
}
const loadMs = performance.now() - t0;

const time = async (label: string, runs: number, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const each = (performance.now() - start) / runs;
  console.log(`${label.padEnd(34)} ${(each * 1000).toFixed(1).padStart(9)} µs per call (${runs} runs)`);
  return each;
};

const summary = await getProductSummary(db, productId);
console.log(`${total} reviews inserted through the triggers in ${(loadMs / 1000).toFixed(1)} s; summary: count ${summary.count}, average ${summary.average}`);
const plan = await db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT * FROM product_stats WHERE product_id = ${productId}`);
console.log(`query plan: ${plan.map((p) => p.detail).join('; ')}`);
const fast = await time('summary (product_stats lookup)', 2_000, () => getProductSummary(db, productId));
const slow = await time('recount (scan of reviews)', 20, () =>
  db.all(sql`SELECT count(*), sum(rating), sum(rating = 1), sum(rating = 5), sum(verified) FROM reviews WHERE product_id = ${productId} AND status = 'published'`),
);
console.log(`the lookup is ${Math.round(slow / fast)}× faster than recounting`);

client.close();
rmSync(dir, { recursive: true, force: true });
