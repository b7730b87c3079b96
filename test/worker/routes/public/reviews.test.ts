import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';
import { captureConsoleErrors } from '../../../helpers/console';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const reviewsPath = (store: string, product: string, query = '') => `/v1/stores/${store}/products/${product}/reviews${query}`;

async function post(product: string, input = makeReviewInput(), store = 'store-a') {
  const res = await h.call('POST', reviewsPath(store, product), { json: input });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id as string;
}

describe('POST …/reviews', () => {
  it('publishes at once under the default policy and shows the review with rendered HTML', async () => {
    const res = await h.call('POST', reviewsPath('store-a', 'tee'), {
      json: makeReviewInput({ rating: 4, title: 'Nice', body: 'Really **good** <b>tee</b>', author: { name: 'Ann', email: 'Ann@Example.com' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rv_[0-9a-z]{24}$/), status: 'published' });

    const list = await h.call('GET', reviewsPath('store-a', 'tee'));
    expect(list.status).toBe(200);
    const [review] = list.body.reviews;
    expect(review).toMatchObject({
      id: res.body.id,
      rating: 4,
      title: 'Nice',
      body: 'Really **good** <b>tee</b>',
      author: { name: 'Ann' },
      verified: false,
      verification: null,
      helpfulCount: 0,
      unhelpfulCount: 0,
      reply: null,
      source: 'verity',
    });
    expect(review.bodyHtml).toContain('<strong>good</strong>');
    expect(review.bodyHtml).toContain('&lt;b&gt;tee&lt;/b&gt;');
    expect(list.text).not.toContain('example.com');
    expect(list.body.summary).toEqual({ count: 1, average: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, verifiedCount: 0, mediaCount: 0 });
  });

  it('holds every review, whatever its rating, when the store moderates first', async () => {
    const held = await createHarness({ moderation: 'hold' });
    try {
      for (const rating of [1, 5]) {
        const res = await held.call('POST', reviewsPath('store-a', 'tee'), { json: makeReviewInput({ rating }) });
        expect(res.body.status).toBe('pending');
      }
      const list = await held.call('GET', reviewsPath('store-a', 'tee'));
      expect(list.body.reviews).toEqual([]);
      expect(list.body.summary.count).toBe(0);
    } finally {
      held.close();
    }
  });

  it('files a review whose honeypot is filled as spam, and tells the bot nothing', async () => {
    const res = await h.call('POST', reviewsPath('store-a', 'tee'), { json: makeReviewInput({ website: 'http://spam.example' }) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    expect((await h.call('GET', reviewsPath('store-a', 'tee'))).body.summary.count).toBe(0);
    const spam = await h.call('GET', '/v1/admin/stores/store-a/reviews?status=spam', { key: h.a.keys.secretKey });
    expect(spam.body.reviews.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it('writes nothing when a later write of the same POST fails: the review and its emails commit together', async () => {
    // A real failure inside the write, after the review's INSERT: the outbox refuses every row.
    await h.client.execute(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refuses'); END`);
    const errors = captureConsoleErrors();
    try {
      const res = await h.call('POST', reviewsPath('store-a', 'tee'), { json: makeReviewInput() });
      expect(res.status).toBe(500);
      expect(errors.calls.length).toBeGreaterThan(0);
    } finally {
      errors.restore();
    }
    await h.client.execute('DROP TRIGGER outbox_refuses');
    const list = await h.call('GET', reviewsPath('store-a', 'tee'));
    expect(list.body.reviews).toEqual([]);
    expect(list.body.summary.count).toBe(0);
    const all = await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: h.a.keys.secretKey });
    expect(all.body.reviews).toEqual([]);
  });

  it('queues the edit link with the review it belongs to, addressed as the review is stored', async () => {
    const id = await post('tee', makeReviewInput({ author: { name: 'Ann', email: 'Ann@Example.com' }, locale: 'de' }));
    const emails = await h.client.execute({ sql: 'SELECT to_address, dedupe_key, headers FROM outbox WHERE dedupe_key LIKE ?', args: [`edit:${id}:%`] });
    expect(emails.rows.map((r) => ({ ...r }))).toEqual([{ to_address: 'ann@example.com', dedupe_key: `edit:${id}:0:written`, headers: '{}' }]);
  });

  it('returns NOT_FOUND for a product of another store', async () => {
    await h.call('PUT', '/v1/admin/stores/store-b/products/only-b', { key: h.b.keys.secretKey, json: { name: 'B only' } });
    const res = await h.call('POST', reviewsPath('store-a', 'only-b'), { json: makeReviewInput() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET …/reviews', () => {
  it('returns NOT_FOUND for an unknown store or product', async () => {
    expect((await h.call('GET', reviewsPath('nope', 'tee'))).body.error.code).toBe('NOT_FOUND');
    expect((await h.call('GET', reviewsPath('store-a', 'nope'))).status).toBe(404);
  });

  it('sorts by recent, helpful and rating, each with a stable tie-break', async () => {
    const ids: Record<number, string> = {};
    for (const rating of [3, 5, 1, 4, 2]) ids[rating] = await post('tee', makeReviewInput({ rating }));
    const ratings = async (sort: string) =>
      (await h.call('GET', reviewsPath('store-a', 'tee', `?sort=${sort}`))).body.reviews.map((r: { rating: number }) => r.rating);
    expect(await ratings('recent')).toEqual([2, 4, 1, 5, 3]);
    expect(await ratings('rating_desc')).toEqual([5, 4, 3, 2, 1]);
    expect(await ratings('rating_asc')).toEqual([1, 2, 3, 4, 5]);

    for (const [i, voter] of ['v1aaaaaaaaaaaaaaaa', 'v2aaaaaaaaaaaaaaaa'].entries()) {
      await h.call('POST', `/v1/stores/store-a/reviews/${ids[1]}/votes`, { json: { value: 'helpful', voter } });
      if (i === 0) await h.call('POST', `/v1/stores/store-a/reviews/${ids[3]}/votes`, { json: { value: 'helpful', voter } });
    }
    expect(await ratings('helpful')).toEqual([1, 3, 2, 4, 5]);
  });

  it('filters by rating, verified and text', async () => {
    await post('tee', makeReviewInput({ rating: 5, body: 'The fabric is wonderful' }));
    await post('tee', makeReviewInput({ rating: 2, body: 'Seams came apart', title: 'Fabric tore' }));
    await post('tee', makeReviewInput({ rating: 5, body: 'Quick delivery' }));
    const get = async (q: string) => (await h.call('GET', reviewsPath('store-a', 'tee', q))).body;

    expect((await get('?rating=5')).reviews).toHaveLength(2);
    expect((await get('?rating=2')).reviews.map((r: { rating: number }) => r.rating)).toEqual([2]);
    expect((await get('?verified=true')).reviews).toHaveLength(0);
    expect((await get('?verified=false')).reviews).toHaveLength(3);
    const fabric = await get('?q=FABRIC');
    expect(fabric.reviews.map((r: { rating: number }) => r.rating).sort()).toEqual([2, 5]);
    // Whole words: a prefix has no list of its own in the index (db/queries/search.ts ftsMatch).
    expect((await get('?q=fab')).reviews).toHaveLength(0);
    expect((await get('?q=fabric+tore')).reviews.map((r: { rating: number }) => r.rating)).toEqual([2]);
    expect((await get('?q=fabric&rating=2')).reviews).toHaveLength(1);
    expect((await get('?q=nothing+matches')).reviews).toHaveLength(0);
    // The summary is the product's, whatever the filter.
    expect(fabric.summary.count).toBe(3);
  });

  it('search finds only published reviews of this product', async () => {
    await post('mug', makeReviewInput({ body: 'ceramic glaze' }));
    const held = await createHarness({ moderation: 'hold' });
    try {
      await held.call('POST', reviewsPath('store-a', 'tee'), { json: makeReviewInput({ body: 'ceramic glaze' }) });
      expect((await held.call('GET', reviewsPath('store-a', 'tee', '?q=ceramic'))).body.reviews).toEqual([]);
    } finally {
      held.close();
    }
    expect((await h.call('GET', reviewsPath('store-a', 'tee', '?q=ceramic'))).body.reviews).toEqual([]);
    expect((await h.call('GET', reviewsPath('store-a', 'mug', '?q=ceramic'))).body.reviews).toHaveLength(1);
  });

  it("pages a search newest first, in this product's reviews only, whatever other stores say", async () => {
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) mine.push(await post('tee', makeReviewInput({ body: `Sturdy canvas, number ${i}` })));
    await post('tee', makeReviewInput({ body: 'Nothing about it' }));
    await post('mug', makeReviewInput({ body: 'Sturdy canvas bag on a mug?' }));
    expect((await h.call('POST', reviewsPath('store-b', 'tee'), { json: makeReviewInput({ body: 'Sturdy canvas elsewhere' }) })).status).toBe(201);
    const first = (await h.call('GET', reviewsPath('store-a', 'tee', '?q=canvas+sturdy&limit=3'))).body;
    expect(first.reviews.map((r: { id: string }) => r.id)).toEqual(mine.slice(2).reverse());
    const second = (await h.call('GET', reviewsPath('store-a', 'tee', `?q=canvas+sturdy&limit=3&cursor=${first.nextCursor}`))).body;
    expect(second.reviews.map((r: { id: string }) => r.id)).toEqual(mine.slice(0, 2).reverse());
    expect(second.nextCursor).toBeNull();
    // Other orders rank the product's matches in full.
    const helpful = (await h.call('GET', reviewsPath('store-a', 'tee', '?q=canvas&sort=rating_asc'))).body;
    expect(helpful.reviews).toHaveLength(5);
    // A cursor of the plain list is not a search's.
    const plain = (await h.call('GET', reviewsPath('store-a', 'tee', '?limit=1'))).body;
    const refused = await h.call('GET', reviewsPath('store-a', 'tee', `?q=canvas&cursor=${plain.nextCursor}`));
    expect(refused.status).toBe(400);
  });

  it('pages with a keyset cursor that stays stable while new reviews arrive', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(await post('tee'));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { reviews: Array<{ id: string }>; nextCursor: string | null } } = await h.call(
        'GET',
        reviewsPath('store-a', 'tee', `?limit=3${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...res.body.reviews.map((r) => r.id));
      cursor = res.body.nextCursor;
      pages += 1;
      // Someone writes a review between every page.
      await post('tee');
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('pages through every sort without repeats or gaps', async () => {
    for (const rating of [5, 5, 4, 4, 3, 1, 1, 2, 5]) await post('tee', makeReviewInput({ rating }));
    for (const sort of ['recent', 'helpful', 'rating_desc', 'rating_asc']) {
      const all = (await h.call('GET', reviewsPath('store-a', 'tee', `?sort=${sort}&limit=50`))).body.reviews.map((r: { id: string }) => r.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { reviews: Array<{ id: string }>; nextCursor: string | null } } = await h.call(
          'GET',
          reviewsPath('store-a', 'tee', `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        );
        paged.push(...res.body.reviews.map((r) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(all);
    }
  });

  it('refuses a cursor from another sort or a forged one', async () => {
    for (let i = 0; i < 3; i++) await post('tee');
    const first = await h.call('GET', reviewsPath('store-a', 'tee', '?limit=1'));
    const other = await h.call('GET', reviewsPath('store-a', 'tee', `?sort=helpful&cursor=${first.body.nextCursor}`));
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('INVALID_CURSOR');
    const forged = await h.call('GET', reviewsPath('store-a', 'tee', `?cursor=${btoa('["recent","x",1]')}`));
    expect(forged.body.error.code).toBe('INVALID_CURSOR');
  });

  it('shows the merchant reply with the review', async () => {
    const id = await post('tee', makeReviewInput({ rating: 2 }));
    const put = await h.call('PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, { key: h.a.keys.secretKey, json: { body: 'Sorry — *we will fix it*' } });
    expect(put.status).toBe(200);
    const list = await h.call('GET', reviewsPath('store-a', 'tee'));
    expect(list.body.reviews[0].reply).toMatchObject({ body: 'Sorry — *we will fix it*', bodyHtml: expect.stringContaining('<em>we will fix it</em>') });
  });
});
