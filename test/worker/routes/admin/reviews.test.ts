import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness({ moderation: 'hold' });
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const summary = async (product = 'tee') => (await h.call('GET', `/v1/stores/store-a/products/${product}/reviews`)).body.summary;

async function write(overrides: Record<string, unknown> = {}, product = 'tee') {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput(overrides) });
  h.clock.advance(1000);
  return res.body.id as string;
}

describe('GET /v1/admin/stores/:store/reviews', () => {
  it('lists every status with the private fields, filtered by status, rating, product and text', async () => {
    const a = await write({ rating: 1, body: 'broken zipper', author: { name: 'Zed', email: 'ZED@example.com' } });
    const b = await write({ rating: 5 }, 'mug');
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${b}`, { key, json: { status: 'published' } });

    const all = await h.call('GET', '/v1/admin/stores/store-a/reviews', { key });
    expect(all.status).toBe(200);
    expect(all.body.reviews.map((r: { id: string }) => r.id)).toEqual([b, a]);
    expect(all.body.reviews[1]).toMatchObject({ status: 'pending', product: 'tee', author: { name: 'Zed', email: 'zed@example.com' }, reportCount: 0, orderId: null });

    const ids = async (q: string) => (await h.call('GET', `/v1/admin/stores/store-a/reviews${q}`, { key })).body.reviews.map((r: { id: string }) => r.id);
    expect(await ids('?status=pending')).toEqual([a]);
    expect(await ids('?rating=5')).toEqual([b]);
    expect(await ids('?product=mug')).toEqual([b]);
    expect(await ids('?q=zipper')).toEqual([a]);
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews?product=nope', { key })).status).toBe(404);
  });

  it('pages with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await write());
    const first = await h.call('GET', '/v1/admin/stores/store-a/reviews?limit=3', { key });
    const second = await h.call('GET', `/v1/admin/stores/store-a/reviews?limit=3&cursor=${first.body.nextCursor}`, { key });
    expect([...first.body.reviews, ...second.body.reviews].map((r: { id: string }) => r.id)).toEqual(ids.reverse());
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('moderation', () => {
  it('publishing, rejecting and deleting move the public summary exactly', async () => {
    const one = await write({ rating: 1 });
    const five = await write({ rating: 5 });
    expect((await summary()).count).toBe(0);

    const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${one}`, { key, json: { status: 'published' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    expect(await summary()).toMatchObject({ count: 1, average: 1 });

    const bulk = await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', { key, json: { ids: [one, five, five], status: 'published' } });
    expect(bulk.body).toEqual({ updated: expect.arrayContaining([one, five]), notFound: [] });
    expect(await summary()).toMatchObject({ count: 2, average: 3, histogram: { 1: 1, 5: 1 } });

    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${five}`, { key, json: { status: 'spam' } });
    expect(await summary()).toMatchObject({ count: 1, average: 1 });

    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${one}`, { key })).status).toBe(204);
    expect(await summary()).toMatchObject({ count: 0, average: 0 });
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${one}`, { key })).status).toBe(404);
  });

  it('refuses an unknown status and changes nothing', async () => {
    const id = await write();
    const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${id}`, { key, json: { status: 'hidden' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/status must be one of pending, published, rejected, spam/);
    const bulk = await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', { key, json: { ids: [id, 'not-an-id'], status: 'published' } });
    expect(bulk.status).toBe(400);
    expect((await summary()).count).toBe(0);
  });
});

describe('replies', () => {
  it('writes, edits and removes the one public reply', async () => {
    const id = await write();
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${id}`, { key, json: { status: 'published' } });
    const first = await h.call('PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, { key, json: { body: 'Thanks!' } });
    expect(first.body).toMatchObject({ body: 'Thanks!', bodyHtml: '<p>Thanks!</p>\n' });
    h.clock.advance(60_000);
    const edited = await h.call('PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, { key, json: { body: 'Thanks, <script>x</script>' } });
    expect(edited.body.createdAt).toBe(first.body.createdAt);
    expect(edited.body.updatedAt).not.toBe(first.body.updatedAt);
    expect(edited.body.bodyHtml).not.toContain('<script>');
    const shown = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews[0].reply;
    expect(shown.body).toBe('Thanks, <script>x</script>');

    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${id}/reply`, { key })).status).toBe(204);
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews[0].reply).toBeNull();
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${id}/reply`, { key })).status).toBe(404);
  });
});

describe('authors (GDPR)', () => {
  it('exports and erases everything about one email, case-insensitively, in this store only', async () => {
    const mine = await write({ rating: 2, author: { name: 'Kim', email: 'kim@example.com' } });
    await write({ rating: 4, author: { name: 'Other', email: 'other@example.com' } });
    await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', {
      key,
      json: { ids: (await h.call('GET', '/v1/admin/stores/store-a/reviews', { key })).body.reviews.map((r: { id: string }) => r.id), status: 'published' },
    });
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${mine}/reply`, { key, json: { body: 'Noted' } });
    await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput({ author: { name: 'Kim', email: 'kim@example.com' } }) });

    const exported = await h.call('GET', '/v1/admin/stores/store-a/authors/KIM@example.com/export', { key });
    expect(exported.status).toBe(200);
    expect(exported.body.email).toBe('kim@example.com');
    expect(exported.body.reviews).toHaveLength(1);
    expect(exported.body.reviews[0]).toMatchObject({ id: mine, reply: { body: 'Noted' }, author: { email: 'kim@example.com' } });

    const erased = await h.call('DELETE', '/v1/admin/stores/store-a/authors/kim@example.com', { key });
    // The one email is the link to edit the review, sent when it was written.
    expect(erased.body).toEqual({ deletedReviews: 1, deletedQuestions: 0, deletedAnswers: 0, deletedOrders: 0, deletedEmails: 1 });
    expect(await summary()).toMatchObject({ count: 1, average: 4 });
    expect((await h.call('GET', '/v1/admin/stores/store-a/authors/kim@example.com/export', { key })).body.reviews).toEqual([]);
    // Store B's review by the same email is store B's business.
    const inB = await h.call('GET', '/v1/admin/stores/store-b/reviews', { key: h.b.keys.secretKey });
    expect(inB.body.reviews.map((r: { author: { email: string } }) => r.author.email)).toEqual(['kim@example.com']);
  });
});

describe('catalogue', () => {
  it('creates and replaces products one at a time and in bulk', async () => {
    const put = await h.call('PUT', '/v1/admin/stores/store-a/products/sock-1', {
      key,
      json: { name: 'Wool socks', url: 'https://shop-a.example/socks', gtin: '4006381333931', brand: 'Acme' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: 'sock-1', name: 'Wool socks', gtin: '4006381333931', sku: null });

    const replaced = await h.call('PUT', '/v1/admin/stores/store-a/products/sock-1', { key, json: { name: 'Merino socks' } });
    expect(replaced.body).toMatchObject({ name: 'Merino socks', url: null, createdAt: put.body.createdAt });

    const bulk = await h.call('POST', '/v1/admin/stores/store-a/products', {
      key,
      json: [
        { id: 'a1', name: 'One' },
        { id: 'a2', name: 'Two', imageUrl: 'https://cdn.example/2.jpg' },
        { id: 'a1', name: 'One again' },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.products.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
      ['a1', 'One again'],
      ['a2', 'Two'],
    ]);
    expect((await h.call('GET', '/v1/stores/store-a/products/a2/reviews')).status).toBe(200);
  });

  it('rejects a whole bulk request when one item is bad', async () => {
    const res = await h.call('POST', '/v1/admin/stores/store-a/products', {
      key,
      json: [{ id: 'ok-1', name: 'Fine' }, { id: 'bad', name: '' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('1.name');
    expect((await h.call('GET', '/v1/stores/store-a/products/ok-1/reviews')).status).toBe(404);
  });
});

describe('store settings', () => {
  it('switches the moderation policy for every new review alike', async () => {
    const patched = await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish', allowedOrigins: ['https://new.example'] } });
    expect(patched.body).toMatchObject({ moderation: 'publish', allowedOrigins: ['https://new.example'] });
    const res = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ rating: 1 }) });
    expect(res.body.status).toBe('published');
    const bad = await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { allowedOrigins: ['https://x.example/path'] } });
    expect(bad.status).toBe(400);
  });
});
