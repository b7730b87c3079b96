/**
 * The data of bench/read-path.ts: one store with a catalogue of 100 products
 * (20 reviews each), one product with 10,000 reviews and, with `big`, one
 * with 1,000,000. Reviews go in through INSERT … SELECT, so the triggers
 * (statistics, full-text index) run per row as they do for API writes.
 */
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { upsertProducts } from '../db/queries/products';
import { createStore } from '../worker/domain/store-keys';

export interface Seeded {
  storeId: string;
  catalogue: string[];
  tenK: string;
  oneM?: string;
  /** Review ids to vote on in the mixed workload. */
  voteTargets: string[];
  reviewCount: number;
}

// One review in ten says "great", so a search has matches at every size.
const bodies = ['Great fit and the colour held after washing.', 'Fine, but the sizing runs small.', 'Arrived late; the product itself is good.', 'Soft fabric, would buy again.', 'Not what the photos suggested.', 'Solid stitching, pockets are deep.', 'Ok for the price.', 'The zip broke after a month.', 'Lovely gift, well packed.', 'Heavier than expected but sturdy.'];

/** Review ids have the API's shape (rv_ and 24 letters or digits): the number of the review, zero-padded. */
export const benchReviewId = (n: number) => `rv_${String(n).padStart(24, '0')}`;

let seededSoFar = 0;

async function addReviews(db: Db, storeId: string, productId: number, total: number) {
  const first = seededSoFar;
  seededSoFar += total;
  const chunk = 20_000;
  for (let done = 0; done < total; done += chunk) {
    const n = Math.min(chunk, total - done);
    await db.run(sql`
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n}),
      body(k, text) AS (SELECT key, value FROM json_each(${JSON.stringify(bodies)}))
      INSERT INTO reviews (id, store_id, product_id, rating, title, body, body_html, author_name, author_email, verified, status, created_at, updated_at)
      SELECT 'rv_' || printf('%024d', ${first} + ${done} + i), ${storeId}, ${productId}, 1 + (${done} + i) % 5, 'Review ' || (${done} + i), body.text, '<p>' || body.text || '</p>',
        'Shopper ' || (${done} + i), 'shopper' || (${done} + i) || '@example.com', (${done} + i) % 3 = 0, 'published',
        1700000000000 + (${done} + i) * 1000, 1700000000000 + (${done} + i) * 1000
      FROM seq JOIN body ON body.k = (${done} + i) % 10`);
  }
}

export async function seedReadPath(file: string, options: { big: boolean }): Promise<Seeded> {
  seededSoFar = 0;
  const client = await openEmbedded(`file:${file}`);
  const db = createDb(client);
  await migrateDb(db);
  const now = Date.now();
  const storeId = 'bench';
  await createStore(db, { id: storeId, name: 'Bench store' }, now);
  const catalogue = Array.from({ length: 100 }, (_, i) => `product-${i}`);
  const products = await upsertProducts(db, storeId, [...catalogue, 'ten-thousand', 'one-million'].map((externalId) => ({ externalId, name: externalId })), now);
  const id = (externalId: string) => products.find((p) => p.externalId === externalId)!.id;
  let reviewCount = 0;
  for (const externalId of catalogue) {
    await addReviews(db, storeId, id(externalId), 20);
    reviewCount += 20;
  }
  const tenKFirst = seededSoFar + 1;
  await addReviews(db, storeId, id('ten-thousand'), 10_000);
  reviewCount += 10_000;
  if (options.big) {
    await addReviews(db, storeId, id('one-million'), 1_000_000);
    reviewCount += 1_000_000;
  }
  client.close();
  return {
    storeId,
    catalogue,
    tenK: 'ten-thousand',
    oneM: options.big ? 'one-million' : undefined,
    voteTargets: Array.from({ length: 10_000 }, (_, i) => benchReviewId(tenKFirst + i)),
    reviewCount,
  };
}
