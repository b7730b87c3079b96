import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness();
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

async function review(product: string, overrides: Record<string, unknown> = {}) {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput(overrides) });
  h.clock.advance(1000);
  return res.body.id as string;
}

async function question(product: string, body = 'Does it run small?') {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/questions`, { json: { body, author: { name: 'Q', email: 'q@example.com' } } });
  h.clock.advance(1000);
  return res.body.id as string;
}

describe('GET /v1/admin/stores/:store/products', () => {
  it('gives each product its average, review count, verified share and unanswered questions', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'hold' } });
    const ids = [await review('tee', { rating: 5 }), await review('tee', { rating: 2 }), await review('tee', { rating: 4 }), await review('tee', { rating: 4 })];
    // As a buyer's link would have written it; the statistics count it as verified once published.
    await h.client.execute({ sql: "UPDATE reviews SET verified = 1, order_id = 'o-1' WHERE id = ?", args: [ids[2]!] });
    await h.call('POST', '/v1/admin/stores/store-a/inbox/moderate', { key, json: { items: ids.map((id) => ({ kind: 'review', id })), status: 'published' } });
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish' } });
    const answered = await question('tee', 'Cotton?');
    await question('tee', 'Does it shrink?');
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${answered}/answer`, { key, json: { body: 'Yes, all cotton.' } });

    const res = await h.call('GET', '/v1/admin/stores/store-a/products', { key });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.products.map((p: { id: string }) => [p.id, p]));
    expect(byId.tee).toMatchObject({ averageRating: 3.75, reviewCount: 4, verifiedShare: 0.25, unansweredQuestions: 1 });
    expect(byId.mug).toMatchObject({ averageRating: null, reviewCount: 0, verifiedShare: null, unansweredQuestions: 0 });
  });

  it('finds products by name or id with q', async () => {
    await h.call('PUT', '/v1/admin/stores/store-a/products/sock-1', { key, json: { name: 'Merino Socks' } });
    const ids = async (q: string) => (await h.call('GET', `/v1/admin/stores/store-a/products?q=${encodeURIComponent(q)}`, { key })).body.products.map((p: { id: string }) => p.id);
    expect(await ids('merino')).toEqual(['sock-1']);
    expect(await ids('SOCK')).toEqual(['sock-1']);
    expect(await ids('100%')).toEqual([]);
    expect(await ids('mug')).toEqual(['mug']);
  });
});

describe('GET /v1/admin/stores/:store/products/:product/content', () => {
  it("lists all of a product's reviews and questions, every status, newest first, as inbox items", async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'hold' } });
    const held = await review('tee', { rating: 1 });
    const q = await question('tee');
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish' } });
    const shown = await review('tee', { rating: 5 });
    await review('mug');
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${held}`, { key, json: { status: 'rejected' } });

    const res = await h.call('GET', '/v1/admin/stores/store-a/products/tee/content', { key });
    expect(res.status).toBe(200);
    expect(res.body.product).toMatchObject({ id: 'tee', name: 'store-a tee', reviewCount: 1, averageRating: 5, unansweredQuestions: 0 });
    expect(res.body.items.map((i: { kind: string; id: string; status: string }) => [i.kind, i.id, i.status])).toEqual([
      ['review', shown, 'published'],
      ['question', q, 'pending'],
      ['review', held, 'rejected'],
    ]);
    expect(res.body.items[0]).toMatchObject({ product: { id: 'tee' }, rating: 5, reply: null, reports: [] });

    const reviewsOnly = await h.call('GET', '/v1/admin/stores/store-a/products/tee/content?kind=review&limit=1', { key });
    expect(reviewsOnly.body.items.map((i: { id: string }) => i.id)).toEqual([shown]);
    const next = await h.call('GET', `/v1/admin/stores/store-a/products/tee/content?kind=review&limit=1&cursor=${reviewsOnly.body.nextCursor}`, { key });
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([held]);
    expect(next.body.nextCursor).toBeNull();
  });

  it("is NOT_FOUND for an unknown product and for another store's", async () => {
    await h.call('PUT', '/v1/admin/stores/store-b/products/only-b', { key: h.b.keys.secretKey, json: { name: 'B only' } });
    expect((await h.call('GET', '/v1/admin/stores/store-a/products/nope/content', { key })).status).toBe(404);
    expect((await h.call('GET', '/v1/admin/stores/store-a/products/only-b/content', { key })).status).toBe(404);
  });
});
