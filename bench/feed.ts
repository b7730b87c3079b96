/**
 * Streams the Google product reviews feed of a store with 1,000,000 published
 * reviews through the app, beside the same feed at a tenth of the size, and
 * samples memory while each streams: if the feed were built in memory the
 * large one would need ten times the memory, streamed it needs the same.
 * Run: npm run bench:feed [-- <reviews>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { feedReviewsQuery, getFeedVersion } from '../db/queries/feed';
import { upsertProducts } from '../db/queries/products';
import { createStore } from '../worker/domain/store-keys';
import { createApp } from '../worker/app';
import { feedToken } from '../worker/domain/feed-token';
import { unlimited } from '../worker/lib/rate-limiter';

const total = Number(process.argv[2] ?? 1_000_000);
const reference = Math.round(total / 10);
const PRODUCTS = 50;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'verity-bench-feed-'));
const client = await openEmbedded(`file:${join(dir, 'bench.db')}`);
// The seed is thrown away with the directory: no need to fsync every chunk.
await client.execute('PRAGMA synchronous = OFF');
const db = createDb(client);
await migrateDb(db);

const tokens = new Map<string, string>();

async function seedStore(id: string, reviews: number) {
  const { store } = await createStore(db, { id, name: `Bench "${id}" & Co` }, Date.now());
  tokens.set(id, await feedToken(store.linkSecret));
  const rows = await upsertProducts(
    db,
    id,
    Array.from({ length: PRODUCTS }, (_, i) => ({
      externalId: `p${i}`,
      name: `Product ${i} <organic>`,
      url: i % 5 === 0 ? null : `https://shop.example/products/p${i}`,
      sku: `SKU-${i}`,
      gtin: i % 2 ? `40063813${String(i).padStart(5, '0')}` : null,
      brand: 'Acme',
    })),
    Date.now(),
  );
  const first = rows[0]!.id;
  const chunk = 50_000;
  for (let done = 0; done < reviews; done += chunk) {
    const n = Math.min(chunk, reviews - done);
    // One INSERT … SELECT per chunk; the counter and search triggers run per row, as for API writes.
    await db.run(sql`
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
      INSERT INTO reviews (id, store_id, product_id, rating, title, body, body_html, author_name, author_email, verified, order_id, status, locale, created_at, updated_at)
      SELECT ${id} || '_' || (${done} + i), ${id}, ${first} + (i % ${PRODUCTS}), 1 + (i % 5), 'Review ' || (${done} + i),
        'Washed it **ten times** and it still looks new. Size runs true; the fabric is soft & thick. Would buy again.',
        '<p>Washed it <strong>ten times</strong> and it still looks new. Size runs true; the fabric is soft &amp; thick. Would buy again.</p>' || char(10),
        'Buyer ' || (${done} + i), 'buyer' || (${done} + i) || '@example.com', i % 2,
        CASE WHEN i % 2 = 1 THEN 'order-' || (${done} + i) END, 'published', 'en', 1700000000000 + ${done} + i, 1700000000000 + ${done} + i
      FROM seq`);
  }
}

const t0 = performance.now();
await seedStore('ref', reference);
await seedStore('big', total);
console.log(`seeded ${reference.toLocaleString('en')} + ${total.toLocaleString('en')} published reviews in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const deep = feedReviewsQuery(db, { storeId: 'big', after: { createdAt: 1_700_000_900_000, id: 'big_900000' }, limit: 500 }).toSQL();
const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${deep.sql}`, args: deep.params as never });
console.log(`query plan of a batch: ${plan.rows.map((r) => r.detail).join('; ')}`);

const app = createApp({ db: () => db, clock: () => Date.now(), rateLimiter: unlimited, clientAddress: () => undefined, publicUrl: 'https://reviews.example' , demo: false });
const gc = (globalThis as { gc?: () => void }).gc;

async function stream(store: string) {
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const start = performance.now();
  // The URL Google is given: with the feed token, so the orders of verified reviews are in it too.
  const res = await app.request(`/v1/stores/${store}/feeds/google-product-reviews.xml?token=${tokens.get(store)}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let rows = 0;
  let tail = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const text = tail + decoder.decode(value, { stream: true });
    rows += text.split('</review>').length - 1;
    tail = text.slice(-8);
    sample();
  }
  clearInterval(timer);
  const seconds = (performance.now() - start) / 1000;
  return { store, status: res.status, rows, bytes, seconds, before, peakRss, peakHeap, etag: res.headers.get('etag')! };
}

const results = [await stream('ref'), await stream('big')];
console.log('');
console.log('feed        reviews      bytes       time     reviews/s   RSS before → peak      heap used before → peak');
for (const r of results) {
  console.log(
    `${r.store.padEnd(6)} ${r.rows.toLocaleString('en').padStart(12)} ${`${(r.bytes / MB).toFixed(0)} MiB`.padStart(10)} ${`${r.seconds.toFixed(1)} s`.padStart(10)} ` +
      `${Math.round(r.rows / r.seconds).toLocaleString('en').padStart(12)}   ${(r.before.rss / MB).toFixed(0).padStart(4)} → ${(r.peakRss / MB).toFixed(0)} MiB` +
      `          ${(r.before.heapUsed / MB).toFixed(0).padStart(4)} → ${(r.peakHeap / MB).toFixed(0)} MiB`,
  );
}
const [ref, big] = results as [Awaited<ReturnType<typeof stream>>, Awaited<ReturnType<typeof stream>>];
console.log(`\n${(big.rows / ref.rows).toFixed(0)}× the reviews: peak RSS ×${(big.peakRss / ref.peakRss).toFixed(2)}, peak heap ×${(big.peakHeap / ref.peakHeap).toFixed(2)}`);

const v0 = performance.now();
await getFeedVersion(db, 'big');
const versionMs = performance.now() - v0;
const c0 = performance.now();
const cached = await app.request(`/v1/stores/big/feeds/google-product-reviews.xml?token=${tokens.get('big')}`, { headers: { 'if-none-match': big.etag } });
console.log(`ETag of the ${total.toLocaleString('en')}-review feed computed in ${versionMs.toFixed(0)} ms; a request with that If-None-Match answered ${cached.status} in ${(performance.now() - c0).toFixed(0)} ms`);
if (!gc) console.log('(run with --expose-gc for the "before" figures to start from a collected heap)');

client.close();
rmSync(dir, { recursive: true, force: true });
