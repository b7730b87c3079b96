import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../fixtures/reviews';
import { createHarness, ORIGIN_A, ORIGIN_B, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('CORS on public routes', () => {
  it("allows the store's own origin to read and write", async () => {
    const read = await h.call('GET', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_A });
    expect(read.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    expect(read.headers.get('vary')).toContain('Origin');
    const preflight = await h.call('OPTIONS', '/v1/stores/store-a/products/tee/reviews', {
      origin: ORIGIN_A,
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const write = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_A, json: makeReviewInput() });
    expect(write.status).toBe(201);
    expect(write.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
  });

  it("gives a foreign origin — even another store's — no way to read or write", async () => {
    const read = await h.call('GET', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_B });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await h.call('OPTIONS', '/v1/stores/store-a/products/tee/reviews', {
      origin: 'https://evil.example',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const before = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.summary.count;
    const write = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_B, json: makeReviewInput() });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.summary.count).toBe(before);
  });

  it('sends no CORS headers on merchant routes', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/reviews', { origin: ORIGIN_A, key: h.a.keys.secretKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
