/**
 * The media counters the triggers keep (reviews.visible_media_count,
 * product_stats.media_reviews) must equal a recount after every step of a
 * random mix of the writes that move them.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseAuthor } from '../../../db/queries/authors';
import { attachMedia, insertMedia, markPoster, setMediaHidden } from '../../../db/queries/media';
import { getProduct } from '../../../db/queries/products';
import { deleteReview, insertReview, setReviewStatus } from '../../../db/queries/reviews';
import { getProductSummary } from '../../../db/queries/stats';
import { reviewMedia, reviewStatuses, type ReviewStatus } from '../../../db/schema';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What scans would say: the oracle the counters are checked against. */
async function recount() {
  const reviewRows = await h.db.all<{ id: string; kept: number; n: number }>(sql`
    SELECT r.id, r.visible_media_count AS kept,
      (SELECT count(*) FROM review_media m WHERE m.review_id = r.id AND m.hidden = 0 AND m.kind <> 'poster') AS n
    FROM reviews r ORDER BY r.id`);
  const productRows = await h.db.all<{ product_id: number; kept: number; n: number }>(sql`
    SELECT ps.product_id, ps.media_reviews AS kept,
      (SELECT count(*) FROM reviews r WHERE r.product_id = ps.product_id AND r.status = 'published'
        AND EXISTS (SELECT 1 FROM review_media m WHERE m.review_id = r.id AND m.hidden = 0 AND m.kind <> 'poster')) AS n
    FROM product_stats ps ORDER BY ps.product_id`);
  return { reviewRows, productRows };
}

async function expectCountersExact(step: string) {
  const { reviewRows, productRows } = await recount();
  expect(
    reviewRows.filter((r) => r.kept !== r.n),
    `reviews.visible_media_count after ${step}`,
  ).toEqual([]);
  expect(
    productRows.filter((r) => r.kept !== r.n),
    `product_stats.media_reviews after ${step}`,
  ).toEqual([]);
  for (const p of productRows) expect((await getProductSummary(h.db, p.product_id)).mediaCount, `summary after ${step}`).toBe(p.n);
}

describe('media counters', () => {
  it('equal a recount after every step of a random sequence of uploads, attaches, hides, deletes, moderation and erasure', async () => {
    const random = prng(20261201);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const products = [
      { storeId: 'store-a', id: (await getProduct(h.db, 'store-a', 'tee'))!.id },
      { storeId: 'store-a', id: (await getProduct(h.db, 'store-a', 'mug'))!.id },
      { storeId: 'store-b', id: (await getProduct(h.db, 'store-b', h.b.products[0]!))!.id },
    ];
    const authors = ['ann@example.com', 'bob@example.com', 'cy@example.com'];
    let seq = 0;
    const mediaMade: { id: string; storeId: string }[] = [];
    /** A review that still exists (deletes and erasure take some away), or undefined when there is none. */
    async function liveReview(): Promise<{ id: string; storeId: string } | undefined> {
      const rows = await h.db.all<{ id: string; storeId: string }>(sql`SELECT id, store_id AS storeId FROM reviews ORDER BY id`);
      return rows.length ? pick(rows) : undefined;
    }

    async function upload(storeId: string): Promise<string> {
      const id = `upl_${++seq}`;
      const video = random() < 0.3;
      let posterMediaId: string | null = null;
      if (video && random() < 0.7) {
        posterMediaId = `upl_${++seq}`;
        await insertMedia(h.db, { ...fileOf(posterMediaId, storeId, 'image'), posterMediaId: null });
        await markPoster(h.db, storeId, posterMediaId);
      }
      await insertMedia(h.db, { ...fileOf(id, storeId, video ? 'video' : 'image'), posterMediaId });
      mediaMade.push({ id, storeId });
      return id;
    }
    const fileOf = (id: string, storeId: string, kind: 'image' | 'video') => ({
      id,
      storeId,
      kind,
      contentType: kind === 'video' ? 'video/mp4' : 'image/jpeg',
      sha256: `sha-${id}`,
      bytes: 10,
      width: 4,
      height: 4,
      durationSeconds: kind === 'video' ? 3 : null,
      now: h.clock.advance(1),
    });

    async function addReview(withMedia: number) {
      const product = pick(products);
      const author = pick(authors);
      const id = `rv_${++seq}`;
      const status: ReviewStatus = random() < 0.6 ? 'published' : pick(reviewStatuses);
      await insertReview(h.db, id, {
        storeId: product.storeId,
        productId: product.id,
        rating: 1 + Math.floor(random() * 5),
        title: null,
        body: 'x',
        bodyHtml: '<p>x</p>',
        authorName: 'n',
        authorEmail: author,
        verified: false,
        orderId: null,
        status,
        locale: null,
        now: h.clock.advance(1),
      });
      const uploads: string[] = [];
      for (let i = 0; i < withMedia; i++) uploads.push(await upload(product.storeId));
      await attachMedia(h.db, product.storeId, id, uploads);
    }

    const steps: Array<[string, () => Promise<unknown>]> = [
      ['a review without media', () => addReview(0)],
      ['a review with media', () => addReview(1 + Math.floor(random() * 3))],
      ['an unattached upload', () => upload(pick(products).storeId)],
      [
        'attaching an upload to an existing review',
        async () => {
          const review = await liveReview();
          if (review) await attachMedia(h.db, review.storeId, review.id, [await upload(review.storeId)]);
        },
      ],
      [
        'hiding or showing a photo',
        async () => {
          const media = mediaMade.length ? pick(mediaMade) : undefined;
          if (media) await setMediaHidden(h.db, media.storeId, media.id, random() < 0.5);
        },
      ],
      [
        'deleting a media row',
        async () => {
          const media = mediaMade.length ? pick(mediaMade) : undefined;
          if (media) await h.db.delete(reviewMedia).where(eq(reviewMedia.id, media.id));
        },
      ],
      [
        'publishing, rejecting or holding a review',
        async () => {
          const review = await liveReview();
          if (review) await setReviewStatus(h.db, review.storeId, [review.id], pick(reviewStatuses), h.clock.advance(1));
        },
      ],
      [
        'deleting a review',
        async () => {
          const review = await liveReview();
          if (review) await deleteReview(h.db, review.storeId, review.id);
        },
      ],
      [
        'erasing an author',
        async () => {
          if (random() < 0.3) await eraseAuthor(h.db, pick(products).storeId, pick(authors));
        },
      ],
    ];

    const done = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const [name, run] = pick(steps);
      await run();
      done.set(name, (done.get(name) ?? 0) + 1);
      await expectCountersExact(`step ${i}: ${name}`);
    }
    // The sequence really exercised every kind of write, and counted something.
    expect([...done.keys()].sort()).toEqual(steps.map(([name]) => name).sort());
    const { productRows } = await recount();
    expect(productRows.some((p) => p.n > 0)).toBe(true);
  });

  it('count a review once however many visible items it has, and not once all are hidden', async () => {
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!.id;
    await insertReview(h.db, 'rv_1', {
      storeId: 'store-a', productId: tee, rating: 5, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'n',
      authorEmail: 'n@example.com', verified: false, orderId: null, status: 'published', locale: null, now: h.clock.advance(1),
    });
    for (const id of ['upl_1', 'upl_2']) {
      await insertMedia(h.db, { id, storeId: 'store-a', kind: 'image', contentType: 'image/jpeg', sha256: id, bytes: 1, width: 1, height: 1, durationSeconds: null, posterMediaId: null, now: h.clock.advance(1) });
    }
    await attachMedia(h.db, 'store-a', 'rv_1', ['upl_1', 'upl_2']);
    expect((await getProductSummary(h.db, tee)).mediaCount).toBe(1);
    await setMediaHidden(h.db, 'store-a', 'upl_1', true);
    expect((await getProductSummary(h.db, tee)).mediaCount).toBe(1);
    await setMediaHidden(h.db, 'store-a', 'upl_2', true);
    expect((await getProductSummary(h.db, tee)).mediaCount).toBe(0);
    await setMediaHidden(h.db, 'store-a', 'upl_2', false);
    expect((await getProductSummary(h.db, tee)).mediaCount).toBe(1);
  });
});
