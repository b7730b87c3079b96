/** Product JSON-LD, checked against Google's review-snippet requirements by a well-kept validator. */
import Validator from '@adobe/structured-data-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../../db/demo-catalogue';
import { upsertProducts } from '../../../../db/queries/products';
import { seedDemo } from '../../../../worker/domain/demo-store';
import { makeReviewInput, voterToken } from '../../../fixtures/reviews';
import { createHarness, PUBLIC_URL, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const key = () => h.a.keys.secretKey;
const jsonld = (product: string, query = '') => h.call('GET', `/v1/stores/store-a/products/${product}/jsonld${query}`);
const review = async (product: string, overrides: Record<string, unknown> = {}) => {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};

/**
 * Google's review-snippet checks for every Product in the documents. Its
 * merchant-listing checks are left out: they need offers (price, stock), which
 * only the store's own theme knows. No schema.org vocabulary: it is a download.
 */
async function googleIssues(...docs: object[]) {
  const validator = new Validator(undefined);
  validator.registeredHandlers.Product = [() => import('@adobe/structured-data-validator/src/types/Product.js')];
  const issues = await validator.validate({ jsonld: { Product: docs.map((d) => structuredClone(d)) } });
  return issues.filter((i) => i.severity === 'ERROR').map((i) => `${i.issueMessage} (${i.fieldNames?.join(', ') ?? ''})`);
}

describe('GET …/products/:product/jsonld', () => {
  it('describes the product, its rating over every published review and its most helpful reviews', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Classic "Tee"', url: 'https://shop-a.example/tee', imageUrl: 'https://shop-a.example/tee.jpg', sku: 'T-1', gtin: '04006381333931', mpn: 'MP-1', brand: 'Acme' }], h.clock.now);
    const helpful = await review('tee', { rating: 4, title: 'Soft', body: '**Really** soft, [see](https://example.com) & wash *cold*.\n\nSecond paragraph.' });
    await review('tee', { rating: 2, title: undefined });
    await h.call('POST', `/v1/stores/store-a/reviews/${helpful}/votes`, { json: { value: 'helpful', voter: voterToken('a') } });
    const res = await jsonld('tee');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(res.body).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      '@id': 'https://shop-a.example/tee#product',
      name: 'Classic "Tee"',
      url: 'https://shop-a.example/tee',
      image: 'https://shop-a.example/tee.jpg',
      sku: 'T-1',
      gtin: '04006381333931',
      mpn: 'MP-1',
      brand: { '@type': 'Brand', name: 'Acme' },
      aggregateRating: { '@type': 'AggregateRating', ratingValue: 3, reviewCount: 2, bestRating: 5, worstRating: 1 },
    });
    expect(res.body.review).toHaveLength(2);
    expect(res.body.review[0]).toMatchObject({
      '@type': 'Review',
      name: 'Soft',
      author: { '@type': 'Person', name: expect.any(String) },
      reviewRating: { '@type': 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1 },
      reviewBody: 'Really soft, see & wash cold.\n\nSecond paragraph.',
      datePublished: new Date(h.clock.now).toISOString(),
    });
    expect(res.body.review[1].name).toBeUndefined();
    expect(await googleIssues(res.body)).toEqual([]);
  });

  it('never shows unpublished content or an email', async () => {
    const held = await review('mug', { body: 'secret pending words', author: { name: 'Pat', email: 'pat-private@example.com' } });
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${held}`, { key: key(), json: { status: 'pending' } });
    await review('mug', { rating: 5, author: { name: 'Lee', email: 'lee-private@example.com' } });
    const res = await jsonld('mug');
    expect(res.body.aggregateRating.reviewCount).toBe(1);
    expect(res.text).not.toContain('secret pending');
    expect(res.text).not.toMatch(/private@example\.com/);
  });

  it('gives an empty graph for a product without published reviews, which no validator flags', async () => {
    const res = await jsonld('tote');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ '@context': 'https://schema.org', '@graph': [] });
  });

  it('escapes </script>, U+2028/2029 and every Unicode edge so it can be pasted into a script element', async () => {
    const nasty = 'Great </script><script>alert(1)</script> <!-- \u2028\u2029 "quotes" \\ مرحبا 👩‍👩‍👧 &amp; \u{10FFFF}';
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: nasty }], h.clock.now);
    await review('tee', { title: nasty, body: nasty, author: { name: nasty, email: 'x@example.com' } });
    const res = await jsonld('tee');
    expect(res.text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(res.body.name).toBe(nasty);
    expect(res.body.review[0].author.name).toBe(nasty.trim());
    expect(await googleIssues(res.body)).toEqual([]);
  });

  it('resolves a relative product URL against the public origin, never the request Host', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Tee', url: '/products/tee' }], h.clock.now);
    await review('tee');
    const res = await h.app.request('http://evil.example/v1/stores/store-a/products/tee/jsonld', { headers: { host: 'evil.example' } });
    const body = (await res.json()) as { url: string };
    expect(body.url).toBe(`${PUBLIC_URL}/products/tee`);
  });

  it('has a rating-only variant that merges into the theme’s own Product under its @id', async () => {
    await review('tee', { rating: 5 });
    const theirs = { '@context': 'https://schema.org', '@type': 'Product', '@id': 'https://shop-a.example/p/tee#main', name: 'Tee', offers: { '@type': 'Offer', price: '20.00', priceCurrency: 'EUR' } };
    const res = await jsonld('tee', `?variant=rating&id=${encodeURIComponent(theirs['@id'])}`);
    expect(Object.keys(res.body).sort()).toEqual(['@context', '@id', '@type', 'aggregateRating', 'review']);
    expect(res.body['@id']).toBe(theirs['@id']);
    // What a consumer sees once it merges the two nodes by @id.
    expect(await googleIssues({ ...theirs, ...res.body })).toEqual([]);
    const bad = await jsonld('tee', '?variant=stars');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/variant must be "product" or "rating"/);
  });

  it('passes for every product of the demo store', async () => {
    await seedDemo(h.db, { origins: [], now: h.clock.now });
    for (const p of demoProducts) {
      const res = await h.call('GET', `/v1/stores/demo/products/${p.externalId}/jsonld`);
      expect(res.status).toBe(200);
      expect(res.body.aggregateRating.reviewCount, p.externalId).toBeGreaterThan(0);
      expect(await googleIssues(res.body), p.externalId).toEqual([]);
    }
  });

  it('passes with a 5,000-character body and for a product without any identifier', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'bare', name: 'Bare' }], h.clock.now);
    await review('bare', { body: 'x '.repeat(2_500).trim() + '!' });
    const res = await jsonld('bare');
    expect(res.body.review[0].reviewBody.length).toBeGreaterThan(4_900);
    expect(Object.keys(res.body)).not.toEqual(expect.arrayContaining(['gtin']));
    expect(await googleIssues(res.body)).toEqual([]);
  });

  it('is NOT_FOUND for an unknown or another store’s product', async () => {
    expect((await jsonld('nope')).status).toBe(404);
    expect((await h.call('GET', '/v1/stores/store-b/products/nope/jsonld')).body.error.code).toBe('NOT_FOUND');
  });
});
