/**
 * The dashboard's Insights endpoint at 1,000 and at 1,000,000 reviews, side by
 * side (issue 14: "the page answers in the same time"). Each store lives in its
 * own database file, seeded with INSERT … SELECT so every trigger (statistics,
 * search index, the insights rollups) runs per row as for API writes. Requests
 * go through the real app (auth, validation, serialisation) in this process,
 * one at a time, alternating rounds between the two sizes so a noisy machine
 * slows both alike. For contrast it times one from-scratch scan of the same
 * weekly figures, which is what the rollups save.
 *
 * Run: npm run bench:insights [-- --seconds 3 --rounds 3 --big 1000000 --weeks 26|all]
 * (`--weeks all`: the whole two years of history by month, as the page's "All time").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { upsertProducts } from '../db/queries/products';
import { createStore } from '../worker/domain/store-keys';
import { createApp } from '../worker/app';
import { unlimited } from '../worker/lib/rate-limiter';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, big: { type: 'string', default: '1000000' }, weeks: { type: 'string', default: '26' } },
});
const weeks = values.weeks === 'all' ? 'all' : Number(values.weeks);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const sizes = [1_000, Number(values.big)];
const NOW = Date.UTC(2026, 11, 1);
const SPAN_MS = 2 * 365 * 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'verity-insights-'));

interface Target {
  reviews: number;
  db: Db;
  close: () => void;
  request: () => Promise<Response>;
}

async function seed(reviews: number): Promise<Target> {
  const client = await openEmbedded(`file:${join(dir, `insights-${reviews}.db`)}`);
  const db = createDb(client);
  await migrateDb(db);
  const { keys } = await createStore(db, { id: 'bench', name: 'Bench store' }, NOW);
  const products = await upsertProducts(db, 'bench', Array.from({ length: 200 }, (_, i) => ({ externalId: `product-${i}`, name: `Product ${i}` })), NOW);
  const firstProduct = products[0]!.id;
  const chunk = 20_000;
  for (let done = 0; done < reviews; done += chunk) {
    const n = Math.min(chunk, reviews - done);
    // Spread over two years; one in ten pending, rejected or spam; a third verified.
    await db.run(sql`
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
      INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, verified, status, created_at, updated_at)
      SELECT 'rv_' || printf('%024d', ${done} + i), 'bench', ${firstProduct} + (${done} + i) % 200, 1 + abs(random()) % 5, 'Fine.', '<p>Fine.</p>',
        'Shopper', 'shopper@example.com', (${done} + i) % 3 = 0,
        CASE (${done} + i) % 40 WHEN 0 THEN 'pending' WHEN 1 THEN 'rejected' WHEN 2 THEN 'spam' WHEN 3 THEN 'pending' ELSE 'published' END,
        ${NOW - SPAN_MS} + ((${done} + i) * ${Math.floor(SPAN_MS / reviews)}), ${NOW}
      FROM seq`);
  }
  // A reply on one review in five, between an hour and ten days later.
  await db.run(sql`
    INSERT INTO review_replies (review_id, body, body_html, created_at, updated_at)
    SELECT id, 'Thanks', '<p>Thanks</p>', created_at + 3600000 + abs(random()) % 864000000, ${NOW} FROM reviews WHERE seq % 5 = 0`);
  const app = createApp({ db: () => db, clock: () => NOW, rateLimiter: unlimited, clientAddress: () => '127.0.0.1', publicUrl: 'http://localhost', demo: false });
  const headers = { authorization: `Bearer ${keys.secretKey}` };
  return { reviews, db, close: () => client.close(), request: async () => app.request(`/v1/admin/stores/bench/insights?weeks=${weeks}`, { headers }) };
}

const targets: Target[] = [];
for (const size of sizes) {
  const t0 = performance.now();
  targets.push(await seed(size));
  console.log(`seeded ${size.toLocaleString('en')} reviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Serial requests for `seconds`: every latency kept, so p50 and p99 are exact. */
async function round(t: Target): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    const res = await t.request();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`insights answered ${res.status}`);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const all = new Map<Target, number[]>(targets.map((t) => [t, []]));
for (const t of targets) await round(t); // warm-up: JIT and page cache
for (let r = 0; r < rounds; r++) for (const t of targets) all.get(t)!.push(...(await round(t)));

console.log(`\nGET /v1/admin/stores/:store/insights?weeks=${weeks}, serial, ${rounds} rounds × ${seconds} s per size`);
for (const t of targets) {
  const lat = [...all.get(t)!].sort((a, b) => a - b);
  const rps = lat.length / (rounds * seconds);
  console.log(`${`${t.reviews.toLocaleString('en')} reviews`.padEnd(20)} ${Math.round(rps).toString().padStart(6)} req/s  p50 ${quantile(lat, 0.5).toFixed(2).padStart(6)} ms  p99 ${quantile(lat, 0.99).toFixed(2).padStart(6)} ms`);
}

// What the rollups save: the same weekly figures recomputed from the reviews, once.
for (const t of targets) {
  const start = performance.now();
  const since = weeks === 'all' ? 0 : NOW - weeks * 7 * 86_400_000;
  await t.db.all(sql`SELECT ((created_at / 86400000 + 3) / 7 * 7 - 3) AS week, count(*), sum(rating) FROM reviews WHERE store_id = 'bench' AND status = 'published' AND created_at >= ${since} GROUP BY 1`);
  console.log(`${`${t.reviews.toLocaleString('en')} reviews`.padEnd(20)} one from-scratch scan of ${weeks === 'all' ? 'all time' : `${weeks} weeks`}: ${(performance.now() - start).toFixed(1)} ms`);
}

for (const t of targets) t.close();
rmSync(dir, { recursive: true, force: true });
