/** The merchant can never change a review's rating or text: every admin route that takes a body about reviews refuses those fields. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviews } from '../../../../db/schema';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let id: string;
beforeEach(async () => {
  h = await createHarness({ moderation: 'hold' });
  id = (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ rating: 2, title: 'Meh', body: 'Thin fabric.' }) })).body.id;
});
afterEach(() => h.close());

/** Each admin route with a JSON body that names reviews, and a body it would otherwise accept. */
const routes = (): Array<[method: string, path: string, body: Record<string, unknown>, where?: (b: Record<string, unknown>) => Record<string, unknown>]> => [
  ['PATCH', `/v1/admin/stores/store-a/reviews/${id}`, { status: 'published' }],
  ['POST', '/v1/admin/stores/store-a/reviews/moderate', { ids: [id], status: 'published' }],
  ['PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, { body: 'Thanks for telling us.' }],
  ['POST', '/v1/admin/stores/store-a/inbox/moderate', { items: [{ kind: 'review', id }], status: 'published' }, (extra) => ({ items: [{ kind: 'review', id, ...extra }], status: 'published' })],
];

const authorFields: Array<[string, unknown]> = [
  ['rating', 5],
  ['title', 'Amazing'],
  ['body', 'Best tee ever.'],
  ['author', { name: 'Someone else' }],
];

describe('admin routes and the author’s words', () => {
  it('refuse rating, title, text and author with UNPROCESSABLE naming the field, and change nothing', async () => {
    const before = await h.db.select().from(reviews).where(eq(reviews.id, id)).get();
    for (const [method, path, body, nested] of routes()) {
      for (const [field, value] of authorFields) {
        // The reply's own text is its `body`: that one is the store's to write.
        if (path.endsWith('/reply') && field === 'body') continue;
        const json = nested ? nested({ [field]: value }) : { ...body, [field]: value };
        const res = await h.call(method, path, { key: h.a.keys.secretKey, json });
        expect(res.status, `${method} ${path} with ${field}`).toBe(422);
        expect(res.body.error.code).toBe('UNPROCESSABLE');
        expect(res.body.error.details).toEqual({ field: nested ? `items.0.${field}` : field });
        expect(res.body.error.message).toContain(`${field} is the author’s`);
      }
    }
    expect(await h.db.select().from(reviews).where(eq(reviews.id, id)).get()).toEqual(before);
  });

  it('still take the bodies they are for', async () => {
    for (const [method, path, body] of routes()) {
      const res = await h.call(method, path, { key: h.a.keys.secretKey, json: body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
    }
    expect(await h.db.select({ rating: reviews.rating, body: reviews.body }).from(reviews).where(eq(reviews.id, id)).get()).toEqual({ rating: 2, body: 'Thin fabric.' });
  });
});
