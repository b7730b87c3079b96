/** The server-rendered reviews snippet: an HTML fragment, its words, its escaping, and the JSON-LD inside it. */
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getProduct, upsertProducts } from '../../../../db/queries/products';
import { insertReview, upsertReply } from '../../../../db/queries/reviews';
import { reviews } from '../../../../db/schema';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, PUBLIC_URL, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const key = () => h.a.keys.secretKey;
const snippet = (product: string, query = '') => h.call('GET', `/v1/stores/store-a/products/${product}/snippet${query}`);
const review = async (product: string, overrides: Record<string, unknown> = {}) => {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput(overrides) });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(60_000);
  return res.body.id as string;
};

/** The JSON-LD documents in a fragment, read by the extractor the validator's authors use. */
const jsonLdOf = (html: string) => (new WebAutoExtractor({}).parse(html).jsonld as Record<string, object[]>) ?? {};

/** Google's review-snippet errors for the Products in a fragment (as in structured-data.test.ts). */
async function googleIssues(products: object[]) {
  const validator = new Validator(undefined);
  validator.registeredHandlers.Product = [() => import('@adobe/structured-data-validator/src/types/Product.js')];
  const issues = await validator.validate({ jsonld: { Product: products.map((d) => structuredClone(d)) } });
  return issues.filter((i) => i.severity === 'ERROR').map((i) => `${i.issueMessage} (${i.fieldNames?.join(', ') ?? ''})`);
}

const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

describe('GET …/products/:product/snippet', () => {
  it('is an HTML fragment with the summary, the first page newest first, and the Product JSON-LD', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Classic Tee', url: 'https://shop-a.example/tee', sku: 'T-1', brand: 'Acme' }], h.clock.now);
    const first = await review('tee', { rating: 4, title: 'Soft', body: '**Really** soft' });
    for (let i = 0; i < 6; i++) await review('tee', { rating: 5, title: `Later ${i}` });
    await h.db.update(reviews).set({ verified: true }).where(eq(reviews.id, first));
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${first}/reply`, { key: key(), json: { body: 'Thanks, *really*' } });

    const res = await snippet('tee');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<div class="verity-snippet" data-verity-snippet lang="en">/);
    expect(res.text).not.toMatch(/<html|<body|<head/i);
    // The summary: average, count and histogram as text.
    expect(res.text).toContain('<p class="verity-snippet-average">4.9</p>');
    expect(res.text).toContain('4.9 out of 5 stars');
    expect(res.text).toContain('Based on 7 reviews');
    expect(res.text).toContain('<span>5 stars</span><meter min="0" max="7" value="6">6</meter>');
    // The element's first page: five, newest first, as GET …/reviews?sort=recent&limit=5 gives them.
    const list = await h.call('GET', '/v1/stores/store-a/products/tee/reviews?sort=recent&limit=5');
    expect(all(res.text, /<h3>(.*?)<\/h3>/g)).toEqual(list.body.reviews.map((r: { title: string }) => r.title));
    expect(all(res.text, /<article/g)).toHaveLength(5);
    expect(res.text).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">Nov 1, 2026<\/time>/);

    // Only the first page: the oldest review (with its badge and reply) shows with limit=7.
    expect(res.text).not.toContain('Soft');
    const whole = await snippet('tee', '?limit=7');
    expect(all(whole.text, /<article/g)).toHaveLength(7);
    expect(whole.text).toContain('4 out of 5 stars');
    expect(whole.text).toContain('<span class="verity-snippet-badge">✓ Verified buyer</span>');
    expect(whole.text).toContain('<div class="verity-snippet-body"><p><strong>Really</strong> soft</p>');
    expect(whole.text).toMatch(/<div class="verity-snippet-reply"><strong>Reply from the store<\/strong><p>Thanks, <em>really<\/em><\/p>/);
    expect(all(whole.text, /(class="verity-snippet-badge")/g)).toHaveLength(1);

    // The same JSON-LD as GET …/jsonld, once, and valid for Google's review snippets.
    expect(all(res.text, /(<script)/g)).toHaveLength(1);
    const { Product } = jsonLdOf(res.text);
    expect(Product).toHaveLength(1);
    expect(Product![0]).toEqual((await h.call('GET', '/v1/stores/store-a/products/tee/jsonld')).body);
    expect(await googleIssues(Product!)).toEqual([]);
  });

  it('escapes names with quotes, </script>, right-to-left text and emoji everywhere, the JSON-LD included', async () => {
    const nasty = 'Tee "quoted" \'single\' </script><script>alert(1)</script> <b>bold</b> & مرحبا 👩‍👩‍👧 \u2028';
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: nasty }], h.clock.now);
    const author = 'Ann "A" </script> مرحبا 👩‍👩‍👧';
    await review('tee', { title: nasty, body: nasty, author: { name: author, email: 'x@example.com' } });
    const res = await snippet('tee');
    // One script element, ours; no markup from a shopper or a product name comes through.
    expect(all(res.text, /(<script)/gi)).toHaveLength(1);
    expect(res.text).not.toContain('<b>bold');
    expect(res.text).not.toContain('"quoted"');
    expect(res.text).toContain('<h3>Tee &quot;quoted&quot; &#39;single&#39; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; مرحبا 👩‍👩‍👧');
    expect(res.text).toContain('<span class="verity-snippet-author">Ann &quot;A&quot; &lt;/script&gt; مرحبا 👩‍👩‍👧</span>');
    expect(res.text).toContain('<div class="verity-snippet-body"><p>Tee &quot;quoted&quot;');
    const { Product } = jsonLdOf(res.text);
    expect((Product![0] as { name: string }).name).toBe(nasty);
    expect(await googleIssues(Product!)).toEqual([]);
  });

  it('renders bodies from their Markdown, so a tampered bodyHtml cannot put script into a store’s page', async () => {
    // The snippet lands in pages with neither Verity's CSP nor the widgets' DOMPurify: the renderer is its only guard.
    const mug = (await getProduct(h.db, 'store-a', 'mug'))!;
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>';
    const row = await insertReview(h.db, 'rv_hostile0000000000000000', {
      storeId: 'store-a', productId: mug.id, rating: 3, title: 'Hostile', body: 'Plain **words**', bodyHtml: hostile,
      authorName: 'Eve', authorEmail: 'eve@example.com', verified: false, orderId: null, status: 'published', locale: 'en', now: h.clock.now,
    });
    await upsertReply(h.db, row.id, { body: 'A *reply*', bodyHtml: hostile }, h.clock.now);
    const res = await snippet('mug');
    expect(res.text).toContain('<div class="verity-snippet-body"><p>Plain <strong>words</strong></p>');
    expect(res.text).toContain('<strong>Reply from the store</strong><p>A <em>reply</em></p>');
    // The JSON-LD carries text only (as GET …/jsonld does); the markup around it, nothing of the payload.
    expect(all(res.text, /(<script)/g)).toHaveLength(1);
    expect(res.text.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '')).not.toMatch(/alert|onerror|javascript:|<img/);
  });

  it('shows only published reviews and never an email', async () => {
    const held = await review('mug', { title: 'Held back', body: 'secret pending words', author: { name: 'Pat', email: 'pat-private@example.com' } });
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${held}`, { key: key(), json: { status: 'pending' } });
    const hidden = await review('mug', { title: 'Hidden one', author: { name: 'Kim', email: 'kim-private@example.com' } });
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${hidden}`, { key: key(), json: { status: 'rejected' } });
    await review('mug', { rating: 3, title: 'Shown', author: { name: 'Lee', email: 'lee-private@example.com' } });
    const res = await snippet('mug');
    expect(all(res.text, /<h3>(.*?)<\/h3>/g)).toEqual(['Shown']);
    expect(res.text).toContain('Based on 1 review<');
    expect(res.text).not.toMatch(/secret pending|Held back|Hidden one|Pat|Kim/);
    expect(res.text).not.toMatch(/private@example\.com|@example\.com/);
  });

  it('invites the first review and carries no JSON-LD for a product without published reviews', async () => {
    const res = await snippet('tote');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div class="verity-snippet-empty"><p>No reviews yet. Be the first to review this product.</p>');
    expect(res.text).not.toContain('<article');
    expect(res.text).not.toContain('<script');
    expect(jsonLdOf(res.text)).toEqual({});
  });

  it('speaks the locale asked for, by its language, and English for any other', async () => {
    await review('tee', { rating: 4 });
    const de = await snippet('tee', '?locale=de-CH');
    expect(de.text).toContain('lang="de"');
    expect(de.text).toContain('<h2>Kundenbewertungen</h2>');
    expect(de.text).toContain('4 von 5 Sternen');
    expect(de.text).toContain('Basierend auf 1 Bewertung<');
    expect(de.text).toContain('<p class="verity-snippet-average">4,0</p>');
    expect((await snippet('tee', '?locale=ja')).text).toContain('5つ星中4');
    expect((await snippet('tee', '?locale=nl')).text).toContain('<h2>Customer reviews</h2>');
  });

  it('refuses a malformed locale or limit, naming the parameter', async () => {
    const badLocale = await snippet('tee', '?locale=%3Cscript%3E');
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.error.message).toMatch(/locale must be a language tag/);
    for (const limit of ['0', '51', 'five']) {
      const res = await snippet('tee', `?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.message).toMatch(/limit must be an integer from 1 to 50/);
    }
  });

  it('builds the JSON-LD URLs from the public origin, never the request Host', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Tee', url: '/products/tee' }], h.clock.now);
    await review('tee');
    const res = await h.app.request('http://evil.example/v1/stores/store-a/products/tee/snippet', { headers: { host: 'evil.example' } });
    const text = await res.text();
    expect(text).not.toContain('evil.example');
    expect((jsonLdOf(text).Product![0] as { url: string }).url).toBe(`${PUBLIC_URL}/products/tee`);
  });

  it('is NOT_FOUND for an unknown or another store’s product', async () => {
    const res = await snippet('nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await h.call('GET', '/v1/stores/store-b/products/nope/snippet')).status).toBe(404);
  });

  it('is documented in the OpenAPI document as HTML', async () => {
    const doc = await h.call('GET', '/openapi.json');
    const op = doc.body.paths['/v1/stores/{store}/products/{product}/snippet'].get;
    expect(Object.keys(op.responses[200].content)).toEqual(['text/html']);
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'locale', 'product', 'store']);
  });
});
