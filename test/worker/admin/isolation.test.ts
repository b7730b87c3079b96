/** Every merchant route refuses a missing key, a wrong key, and another store's key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../fixtures/reviews';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
let reviewOfB: string;
beforeAll(async () => {
  h = await createHarness();
  reviewOfB = (await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() })).body.id;
});
afterAll(() => h.close());

const routes = (store: string, review: string): Array<[string, string, unknown?]> => [
  ['GET', `/v1/admin/stores/${store}`],
  ['PATCH', `/v1/admin/stores/${store}`, { moderation: 'hold' }],
  ['PUT', `/v1/admin/stores/${store}/products/new-thing`, { name: 'x' }],
  ['POST', `/v1/admin/stores/${store}/products`, [{ id: 'p', name: 'x' }]],
  ['GET', `/v1/admin/stores/${store}/reviews`],
  ['PATCH', `/v1/admin/stores/${store}/reviews/${review}`, { status: 'rejected' }],
  ['POST', `/v1/admin/stores/${store}/reviews/moderate`, { ids: [review], status: 'spam' }],
  ['DELETE', `/v1/admin/stores/${store}/reviews/${review}`],
  ['PUT', `/v1/admin/stores/${store}/reviews/${review}/reply`, { body: 'hi' }],
  ['DELETE', `/v1/admin/stores/${store}/reviews/${review}/reply`],
  ['GET', `/v1/admin/stores/${store}/authors/someone@example.com/export`],
  ['DELETE', `/v1/admin/stores/${store}/authors/someone@example.com`],
  ['POST', `/v1/admin/stores/${store}/orders/import`, [{ id: 'o1', customer: { email: 'a@b.co' }, createdAt: '2026-10-01T00:00:00Z', items: [] }]],
  ['GET', `/v1/admin/stores/${store}/outbox`],
  ['POST', `/v1/admin/stores/${store}/outbox/retry`],
  ['GET', `/v1/admin/stores/${store}/questions`],
  ['GET', `/v1/admin/stores/${store}/answers`],
  ['PATCH', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000`, { status: 'published' }],
  ['PATCH', `/v1/admin/stores/${store}/answers/an_000000000000000000000000`, { status: 'published' }],
  ['POST', `/v1/admin/stores/${store}/qa/moderate`, { ids: ['qn_000000000000000000000000'], status: 'spam' }],
  ['DELETE', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000`],
  ['PUT', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/answer`, { body: 'x' }],
  ['DELETE', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/answer`],
  ['POST', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/accept`, { answerId: null }],
  ['GET', `/v1/admin/stores/${store}/inbox`],
  ['POST', `/v1/admin/stores/${store}/inbox/moderate`, { items: [{ kind: 'review', id: review }], status: 'spam' }],
];

describe('merchant routes', () => {
  it.each(routes('store-b', 'rv_000000000000000000000000'))('%s %s needs a key', async (method, path, json) => {
    const res = await h.call(method, path, { json });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it.each(routes('store-b', 'rv_000000000000000000000000'))('%s %s refuses an unknown key', async (method, path, json) => {
    const res = await h.call(method, path, { json, key: 'sk_not-a-real-key' });
    expect(res.status).toBe(401);
  });

  it("refuses store A's key on every route of store B, and changes nothing", async () => {
    for (const [method, path, json] of routes('store-b', reviewOfB)) {
      const res = await h.call(method, path, { json, key: h.a.keys.secretKey });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const still = await h.call('GET', '/v1/stores/store-b/products/tee/reviews');
    expect(still.body.reviews.map((r: { id: string }) => r.id)).toEqual([reviewOfB]);
    expect(still.body.reviews[0].reply).toBeNull();
  });

  it("answers NOT_FOUND for store B's review through store A's own routes", async () => {
    const key = h.a.keys.secretKey;
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${reviewOfB}`, { key, json: { status: 'rejected' } })).status).toBe(404);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${reviewOfB}`, { key })).status).toBe(404);
    expect((await h.call('PUT', `/v1/admin/stores/store-a/reviews/${reviewOfB}/reply`, { key, json: { body: 'x' } })).status).toBe(404);
    const bulk = await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', { key, json: { ids: [reviewOfB], status: 'spam' } });
    expect(bulk.body).toEqual({ updated: [], notFound: [reviewOfB] });
    const list = await h.call('GET', '/v1/admin/stores/store-a/reviews', { key });
    expect(list.body.reviews).toEqual([]);
    expect((await h.call('GET', '/v1/stores/store-b/products/tee/reviews')).body.reviews).toHaveLength(1);
  });

  it('stops accepting a key once it is rotated', async () => {
    const { rotateStoreKeys } = await import('../../../worker/domain/store-keys');
    const fresh = await createHarness();
    try {
      const old = fresh.a.keys.secretKey;
      const keys = await rotateStoreKeys(fresh.db, 'store-a', fresh.clock.now);
      expect((await fresh.call('GET', '/v1/admin/stores/store-a/reviews', { key: old })).status).toBe(401);
      expect((await fresh.call('GET', '/v1/admin/stores/store-a/reviews', { key: keys.secretKey })).status).toBe(200);
    } finally {
      fresh.close();
    }
  });
});
