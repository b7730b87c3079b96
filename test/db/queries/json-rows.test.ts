/**
 * A page's rows read as JSON arrays come out exactly as drizzle maps the same
 * columns: every type the tables hold, nulls, a missing left-joined reply,
 * and text that JSON must escape.
 */
import { desc, eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../db/client';
import { openEmbedded } from '../../../db/embedded';
import { migrateDb } from '../../../db/migrate';
import { jsonRow } from '../../../db/queries/json-rows';
import { upsertProducts } from '../../../db/queries/products';
import { insertReview, listPublishedReviews, upsertReply } from '../../../db/queries/reviews';
import { reviewReplies, reviews, stores } from '../../../db/schema';
import { createClient } from '@libsql/client';
import { createStore } from '../../../worker/domain/store-keys';

const awkward = ['He said "great" \\ then left', 'Zeilen\nund\ttabs', 'émoji 👍🏽 and 中文', '<p>a &amp; b</p>', "it's", '\u2028\u2029 separators'];

async function seed(db: Db): Promise<number> {
  await migrateDb(db);
  await createStore(db, { id: 's', name: 'S "quoted"', allowedOrigins: ['https://shop.example'], settings: { moderation: 'publish' } }, 1);
  const [product] = await upsertProducts(db, 's', [{ externalId: 'p', name: 'P' }], 1);
  const productId = product!.id;
  for (let i = 0; i < awkward.length; i++) {
    const id = `rv_${i}`;
    await insertReview(db, id, {
      storeId: 's', productId, rating: 1 + (i % 5), title: i % 2 ? null : awkward[i]!, body: awkward[i]!, bodyHtml: `<p>${awkward[i]}</p>`,
      authorName: awkward[(i + 1) % awkward.length]!, authorEmail: `a${i}@example.com`, verified: i % 2 === 0, orderId: i % 3 ? null : `o${i}`,
      status: 'published', locale: i % 2 ? 'de' : null, now: 1_700_000_000_000 + i * 1000,
    });
    if (i % 2 === 0) await upsertReply(db, id, { body: awkward[i]!, bodyHtml: `<p>${awkward[i]}</p>` }, 1_700_000_500_000 + i);
  }
  return productId;
}

for (const kind of ['@libsql/client', 'embedded (prepared statements)'] as const) {
  describe(`jsonRow on ${kind}`, () => {
    let db: Db;
    let productId: number;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'verity-json-rows-'));
      db = createDb(kind === '@libsql/client' ? createClient({ url: ':memory:' }) : await openEmbedded(`file:${join(dir, 'v.db')}`));
      productId = await seed(db);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('decodes rows to what drizzle maps from the same columns', async () => {
      const review = jsonRow(reviews);
      const reply = jsonRow(reviewReplies, reviewReplies.reviewId);
      const expected = await db.select({ review: reviews, reply: reviewReplies }).from(reviews).leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id)).orderBy(desc(reviews.seq));
      const json = await (db.select({ review: review.select, reply: reply.select }).from(reviews).leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id)).orderBy(desc(reviews.seq)));
      const decoded = json.map((r) => ({ review: review.decode(r.review), reply: reply.decode(r.reply) }));
      expect(decoded).toEqual(expected);
      expect(decoded.some((r) => r.reply === null)).toBe(true);
      expect(decoded.some((r) => r.review!.verified === true) && decoded.some((r) => r.review!.verified === false)).toBe(true);
    });

    it('maps columns with a mode (JSON text) through the column, as drizzle does', async () => {
      const store = jsonRow(stores);
      const [row] = await db.select({ store: store.select }).from(stores);
      expect(store.decode(row!.store)).toEqual((await db.select().from(stores))[0]);
      expect(store.decode(row!.store)!.allowedOrigins).toEqual(['https://shop.example']);
    });

    it('serves the public page through it, with only the columns a public page may read', async () => {
      const page = await listPublishedReviews(db, { productId, sort: 'recent', limit: 4 });
      const expected = await db.select({ review: reviews, reply: reviewReplies }).from(reviews).leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id)).orderBy(desc(reviews.createdAt), desc(reviews.id)).limit(4);
      const PRIVATE = ['storeId', 'productId', 'authorEmail', 'authorAddress', 'status', 'reportCount', 'updatedAt', 'sourceKey', 'photoUrls'];
      const publicPart = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !PRIVATE.includes(k)));
      expect(page.items).toEqual(expected.map((r) => ({ ...publicPart(r.review), reply: r.reply })));
      for (const item of page.items) for (const column of PRIVATE) expect(item, column).not.toHaveProperty(column);
      expect(page.nextCursor).not.toBeNull();
      // A search's page is read through drizzle, not as JSON rows: the same columns.
      const search = await listPublishedReviews(db, { productId, sort: 'recent', q: 'great', limit: 4 });
      expect(search.items.map((r) => r.id)).toEqual(['rv_0']);
      expect(Object.keys(search.items[0]!).sort()).toEqual(Object.keys(page.items[0]!).sort());
    });
  });
}
