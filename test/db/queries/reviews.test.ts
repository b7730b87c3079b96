/**
 * The public page of a product's reviews: product, summary and page from one
 * statement by the product's external id (on Workers, one round trip), the same
 * answer as the separate lookups give.
 */
import type { Client, InStatement } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getProduct, upsertProducts } from '../../../db/queries/products';
import { insertReview, listPublishedReviews, productWithReviews, upsertReply } from '../../../db/queries/reviews';
import { getProductSummary } from '../../../db/queries/stats';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
let statements: string[];
beforeEach(async () => {
  h = await createHarness();
  const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
  for (let i = 0; i < 7; i++) {
    await insertReview(h.db, `rv_${i}`, {
      storeId: 'store-a', productId: tee.id, rating: 1 + (i % 5), title: `T${i}`, body: `great ${i}`, bodyHtml: `<p>great ${i}</p>`, authorName: 'A', authorEmail: `a${i}@example.com`,
      verified: i % 2 === 0, orderId: null, status: i === 6 ? 'pending' : 'published', locale: null, now: h.clock.now + i,
    });
  }
  await upsertReply(h.db, 'rv_3', { body: 'Thanks', bodyHtml: '<p>Thanks</p>' }, h.clock.now + 10);
  await upsertProducts(h.db, 'store-a', [{ externalId: 'unreviewed', name: 'Nobody wrote yet' }], h.clock.now);
  // Count what reaches the driver from here on.
  statements = [];
  const client = (h.db as unknown as { $client: Client }).$client;
  const execute = client.execute.bind(client);
  client.execute = ((stmt: InStatement) => (statements.push(typeof stmt === 'string' ? stmt : stmt.sql), execute(stmt))) as Client['execute'];
});
afterEach(() => h.close());

describe('productWithReviews', () => {
  it('answers product, summary and page in one statement, as the separate lookups do', async () => {
    const found = (await productWithReviews(h.db, 'store-a', 'tee', { sort: 'recent', limit: 4 }))!;
    expect(statements).toHaveLength(1);
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    expect(found.product).toEqual(tee);
    expect(found.summary).toEqual(await getProductSummary(h.db, tee.id));
    expect(found.summary.count).toBe(6);
    expect(found.page).toEqual(await listPublishedReviews(h.db, { productId: tee.id, sort: 'recent', limit: 4 }));
    expect(found.page.items.map((r) => r.id)).toEqual(['rv_5', 'rv_4', 'rv_3', 'rv_2']);
    expect(found.page.items[2]!.reply?.body).toBe('Thanks');

    const next = (await productWithReviews(h.db, 'store-a', 'tee', { sort: 'recent', limit: 4, cursor: found.page.nextCursor! }))!;
    expect(next.page.items.map((r) => r.id)).toEqual(['rv_1', 'rv_0']);
    expect(next.page.nextCursor).toBeNull();
  });

  it('filters in the same statement, and answers a product whose filter matches nothing', async () => {
    statements = [];
    const fives = (await productWithReviews(h.db, 'store-a', 'tee', { sort: 'helpful', rating: 5, limit: 10 }))!;
    expect(fives.page.items.map((r) => r.id)).toEqual(['rv_4']);
    const none = (await productWithReviews(h.db, 'store-a', 'tee', { sort: 'recent', rating: 2, verified: true, limit: 10 }))!;
    expect(none.page).toEqual({ items: [], nextCursor: null });
    expect(none.summary.count).toBe(6);
    expect(statements).toHaveLength(2);
  });

  it('answers a product without reviews with an empty page and an empty summary, and an unknown product with nothing', async () => {
    const empty = (await productWithReviews(h.db, 'store-a', 'unreviewed', { sort: 'recent', limit: 10 }))!;
    expect(empty.product.name).toBe('Nobody wrote yet');
    expect(empty.summary).toMatchObject({ count: 0, average: 0, mediaCount: 0 });
    expect(empty.page).toEqual({ items: [], nextCursor: null });
    expect(await productWithReviews(h.db, 'store-a', 'no-such-product', { sort: 'recent', limit: 10 })).toBeUndefined();
    // Another store's product of the same name is not this store's.
    expect(await productWithReviews(h.db, 'store-b', 'unreviewed', { sort: 'recent', limit: 10 })).toBeUndefined();
  });

  it('searches with the product looked up first, as its MATCH names the product', async () => {
    const found = (await productWithReviews(h.db, 'store-a', 'tee', { sort: 'helpful', q: 'great', limit: 10 }))!;
    expect(found.page.items).toHaveLength(6);
    expect((await productWithReviews(h.db, 'store-a', 'tee', { sort: 'recent', q: 'nothing-like-this', limit: 10 }))!.page.items).toEqual([]);
  });
});
