import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originAllowed, originPatternProblem } from '../../../worker/domain/origins';
import { makeReviewInput } from '../../fixtures/reviews';
import { createHarness, ORIGIN_A, ORIGIN_B, type Harness } from '../../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const key = () => h.a.keys.secretKey;
const count = async () => (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.summary.count as number;

describe('CORS on public routes', () => {
  it('lets any origin read published reviews, with no set-up and no credentials', async () => {
    for (const origin of [ORIGIN_A, ORIGIN_B, 'https://brand-new-store.example']) {
      const read = await h.call('GET', '/v1/stores/store-a/products/tee/reviews', { origin });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBe('*');
      expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const summaries = await h.call('GET', '/v1/stores/store-a/summaries?products=tee', { origin: 'https://elsewhere.example' });
    expect(summaries.headers.get('access-control-allow-origin')).toBe('*');
    // Even a 404 is readable, so the element can say what went wrong.
    expect((await h.call('GET', '/v1/stores/nope/products/tee/reviews', { origin: ORIGIN_B })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it("lets the store's own origin write", async () => {
    const preflight = await h.call('OPTIONS', '/v1/stores/store-a/products/tee/reviews', {
      origin: ORIGIN_A,
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const write = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_A, json: makeReviewInput() });
    expect(write.status).toBe(201);
  });

  it("refuses writes from a foreign origin — even another store's — readably, and changes nothing", async () => {
    const before = await count();
    const write = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { origin: ORIGIN_B, json: makeReviewInput() });
    expect(write.status).toBe(403);
    expect(write.headers.get('access-control-allow-origin')).toBe('*');
    expect(write.body.error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', details: { origin: ORIGIN_B } });
    expect(write.body.error.message).toContain(ORIGIN_B);
    expect(await count()).toBe(before);
  });

  it('does not treat a forged Host as Verity’s own origin', async () => {
    const before = await count();
    const res = await h.app.request('http://evil.example/v1/stores/store-a/products/tee/reviews', {
      method: 'POST',
      headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json', 'x-test-client': '203.0.113.9' },
      body: JSON.stringify(makeReviewInput()),
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('sends no CORS headers on merchant routes', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/reviews', { origin: ORIGIN_A, key: key() });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('allowed origins', () => {
  const patch = (json: unknown) => h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json });
  const writeFrom = (origin: string) => h.call('POST', '/v1/stores/store-a/products/mug/reviews', { origin, json: makeReviewInput() });

  it('match every subdomain of a wildcard, at any depth, and nothing else', async () => {
    const p = ['https://*.shop.example'];
    expect(originAllowed(p, 'https://eu.shop.example')).toBe(true);
    expect(originAllowed(p, 'https://a.b.shop.example')).toBe(true);
    expect(originAllowed(p, 'https://shop.example')).toBe(false);
    expect(originAllowed(p, 'https://evilshop.example')).toBe(false);
    expect(originAllowed(p, 'https://eu.shop.example.evil.example')).toBe(false);
    expect(originAllowed(p, 'http://eu.shop.example')).toBe(false);
    expect(originAllowed(p, 'https://eu.shop.example:8443')).toBe(false);
    expect(originAllowed(['https://*.shop.example:8443'], 'https://eu.shop.example:8443')).toBe(true);
    expect(originAllowed(['*'], 'https://any.example')).toBe(true);
  });

  it('refuse patterns that are not an origin, naming the problem', async () => {
    expect(originPatternProblem('https://*.shop.example')).toBeNull();
    expect(originPatternProblem('https://*.com')).toMatch(/top-level domain/);
    expect(originPatternProblem('https://shop.*.example')).toMatch(/scheme:\/\/host/);
    expect(originPatternProblem('https://shop.example/')).toMatch(/no path or trailing slash/);
    expect(originPatternProblem('shop.example')).toMatch(/not an origin/);
    const res = await patch({ addAllowedOrigins: ['https://shop.example/path'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/no path or trailing slash/);
  });

  it('can be added to and removed from without resending the list', async () => {
    expect((await writeFrom('https://eu.shop.example')).status).toBe(403);
    const added = await patch({ addAllowedOrigins: ['https://*.shop.example', ORIGIN_A, 'https://staging.example'] });
    expect(added.status, added.text).toBe(200);
    expect(added.body.allowedOrigins).toEqual([ORIGIN_A, 'https://*.shop.example', 'https://staging.example']);
    expect((await writeFrom('https://eu.shop.example')).status).toBe(201);

    const removed = await patch({ removeAllowedOrigins: ['https://staging.example', 'https://never-listed.example'] });
    expect(removed.body.allowedOrigins).toEqual([ORIGIN_A, 'https://*.shop.example']);
    expect((await writeFrom('https://staging.example')).status).toBe(403);

    const both = await patch({ addAllowedOrigins: ['https://x.example'], removeAllowedOrigins: ['https://*.shop.example'] });
    expect(both.body.allowedOrigins).toEqual([ORIGIN_A, 'https://x.example']);
  });

  it('keep both of two concurrent additions', async () => {
    const adds = Array.from({ length: 10 }, (_, i) => patch({ addAllowedOrigins: [`https://c${i}.example`] }));
    expect((await Promise.all(adds)).every((r) => r.status === 200)).toBe(true);
    const listed = (await h.call('GET', '/v1/admin/stores/store-a', { key: key() })).body.allowedOrigins as string[];
    for (let i = 0; i < 10; i++) expect(listed).toContain(`https://c${i}.example`);
    await patch({ removeAllowedOrigins: listed.filter((o) => o.startsWith('https://c')) });
  });

  it('refuse a list longer than the limit and a replace mixed with an edit, changing nothing', async () => {
    const before = (await h.call('GET', '/v1/admin/stores/store-a', { key: key() })).body.allowedOrigins;
    const tooMany = await patch({ addAllowedOrigins: Array.from({ length: 50 }, (_, i) => `https://m${i}.example`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 50 origins/);
    const mixed = await patch({ allowedOrigins: [ORIGIN_A], addAllowedOrigins: [ORIGIN_B] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toMatch(/either allowedOrigins/);
    expect((await h.call('GET', '/v1/admin/stores/store-a', { key: key() })).body.allowedOrigins).toEqual(before);
  });
});
