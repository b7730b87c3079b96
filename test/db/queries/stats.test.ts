/** The counters the triggers keep must equal a recount after every kind of change. */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getProduct } from '../../../db/queries/products';
import { deleteReview, insertReview, setReviewStatus } from '../../../db/queries/reviews';
import { getProductSummary, getSummaries } from '../../../db/queries/stats';
import { reviews, type ReviewStatus } from '../../../db/schema';
import { randomId } from '../../../worker/lib/crypto';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
let productId: number;
beforeEach(async () => {
  h = await createHarness();
  productId = (await getProduct(h.db, 'store-a', 'tee'))!.id;
});
afterEach(() => h.close());

async function add(rating: number, status: ReviewStatus = 'published', verified = false) {
  const review = await insertReview(h.db, randomId('rv'), {
    storeId: 'store-a',
    productId,
    rating,
    title: null,
    body: 'x',
    bodyHtml: '<p>x</p>',
    authorName: 'n',
    authorEmail: 'n@example.com',
    verified,
    orderId: verified ? 'o1' : null,
    status,
    locale: null,
    now: h.clock.advance(1),
  });
  return review.id;
}

/** What a full scan would say: the oracle the triggers are checked against. */
async function recount() {
  const rows = await h.db.all<{ n: number; s: number | null; v: number | null; r1: number; r2: number; r3: number; r4: number; r5: number }>(sql`
    SELECT count(*) AS n, sum(rating) AS s, sum(verified) AS v,
      sum(rating = 1) AS r1, sum(rating = 2) AS r2, sum(rating = 3) AS r3, sum(rating = 4) AS r4, sum(rating = 5) AS r5
    FROM reviews WHERE product_id = ${productId} AND status = 'published'`);
  const r = rows[0]!;
  return {
    count: r.n,
    average: r.n ? Math.round(((r.s ?? 0) / r.n) * 100) / 100 : 0,
    histogram: { 1: r.r1 ?? 0, 2: r.r2 ?? 0, 3: r.r3 ?? 0, 4: r.r4 ?? 0, 5: r.r5 ?? 0 },
    verifiedCount: r.v ?? 0,
    // These reviews have no media; test/db/queries/media-counts.test.ts checks the count.
    mediaCount: 0,
  };
}

describe('product statistics', () => {
  it('start at zero', async () => {
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 0, average: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, verifiedCount: 0, mediaCount: 0 });
  });

  it('count only published reviews, through publish, reject, spam and delete', async () => {
    const five = await add(5, 'published', true);
    const four = await add(4, 'pending');
    const one = await add(1);
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 2, average: 3, histogram: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 }, verifiedCount: 1, mediaCount: 0 });

    await setReviewStatus(h.db, 'store-a', [four], 'published', h.clock.now);
    expect(await getProductSummary(h.db, productId)).toEqual(await recount());
    expect((await getProductSummary(h.db, productId)).average).toBe(3.33);

    await setReviewStatus(h.db, 'store-a', [five], 'rejected', h.clock.now);
    await setReviewStatus(h.db, 'store-a', [one], 'spam', h.clock.now);
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 1, average: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, verifiedCount: 0, mediaCount: 0 });

    // Publishing twice must not count twice.
    await setReviewStatus(h.db, 'store-a', [four, five], 'published', h.clock.now);
    await setReviewStatus(h.db, 'store-a', [four, five], 'published', h.clock.now);
    expect(await getProductSummary(h.db, productId)).toEqual(await recount());

    await deleteReview(h.db, 'store-a', five);
    await deleteReview(h.db, 'store-a', one); // spam: never counted, deleting changes nothing
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 1, average: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, verifiedCount: 0, mediaCount: 0 });
  });

  it('follow rating and verification edits of published and unpublished reviews', async () => {
    const a = await add(5);
    const b = await add(2, 'pending');
    await h.db.update(reviews).set({ rating: 1 }).where(eq(reviews.id, a));
    await h.db.update(reviews).set({ rating: 4 }).where(eq(reviews.id, b));
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 1, average: 1, histogram: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 }, verifiedCount: 0, mediaCount: 0 });
    await h.db.update(reviews).set({ verified: true, rating: 3 }).where(eq(reviews.id, a));
    expect(await getProductSummary(h.db, productId)).toEqual({ count: 1, average: 3, histogram: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 }, verifiedCount: 1, mediaCount: 0 });
    await h.db.update(reviews).set({ status: 'published', rating: 5 }).where(eq(reviews.id, b));
    expect(await getProductSummary(h.db, productId)).toEqual(await recount());
  });

  it('match a recount after a random walk of changes', async () => {
    const ids: string[] = [];
    const statuses: ReviewStatus[] = ['pending', 'published', 'rejected', 'spam'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 200; step++) {
      const op = rand(4);
      if (op === 0 || ids.length === 0) ids.push(await add(1 + rand(5), statuses[rand(4)], rand(2) === 1));
      else if (op === 1) await setReviewStatus(h.db, 'store-a', [ids[rand(ids.length)]!], statuses[rand(4)]!, h.clock.now);
      else if (op === 2) await h.db.update(reviews).set({ rating: 1 + rand(5) }).where(eq(reviews.id, ids[rand(ids.length)]!));
      else {
        const [gone] = ids.splice(rand(ids.length), 1);
        await deleteReview(h.db, 'store-a', gone!);
      }
    }
    expect(await getProductSummary(h.db, productId)).toEqual(await recount());
  });

  it('answer many products in one call and zero for unknown ones', async () => {
    await add(4);
    const summaries = await getSummaries(h.db, 'store-a', ['tee', 'mug', 'unknown']);
    expect(summaries.tee!.count).toBe(1);
    expect(summaries.mug!.count).toBe(0);
    expect(summaries.unknown!.count).toBe(0);
    // Store B's "tee" is another product altogether.
    expect((await getSummaries(h.db, 'store-b', ['tee'])).tee!.count).toBe(0);
  });

  it('are read with a primary-key lookup, not a scan of reviews', async () => {
    const plan = await h.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT * FROM product_stats WHERE product_id = ${productId}`);
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH product_stats USING INTEGER PRIMARY KEY/);
  });
});
