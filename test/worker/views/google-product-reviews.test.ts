import { decodeXML } from 'entities/decode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertProducts } from '../../../db/queries/products';
import { insertReview, setReviewStatus, type NewReview } from '../../../db/queries/reviews';
import { seedDemo } from '../../../worker/domain/demo-store';
import { randomId } from '../../../worker/lib/crypto';
import { googleProductReviewsFeed, xmlText } from '../../../worker/views/google-product-reviews';
import { renderMarkdown } from '../../../worker/domain/markdown';
import { makeReviewInput } from '../../fixtures/reviews';
import { createHarness, PUBLIC_URL, type Harness } from '../../helpers/harness';
import { googleFeedErrors } from '../../helpers/xml-schema';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const feedPath = (store: string, query = '') => `/v1/stores/${store}/feeds/google-product-reviews.xml${query}`;

async function feed(store = 'store-a', query = '') {
  const res = await h.call('GET', feedPath(store, query));
  expect(res.status, res.text).toBe(200);
  return res;
}

/** Each `<review>` of a feed as its text, in document order. */
const reviewsOf = (xml: string) => [...xml.matchAll(/<review>[\s\S]*?<\/review>/g)].map((m) => m[0]);
/** The decoded text of every `<tag>` in a fragment. */
const texts = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => decodeXML(m[1]!));

async function post(product: string, input: Record<string, unknown> = makeReviewInput(), store = 'store-a'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/${store}/products/${product}/reviews`, { json: input });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id as string;
}

/** Inserts a review row as any write path would, for text the public API refuses (control characters). */
async function insert(storeId: string, productId: number, overrides: Partial<NewReview> = {}): Promise<string> {
  const body = overrides.body ?? 'Plain words.';
  const id = randomId('rv');
  await insertReview(h.db, id, {
    storeId,
    productId,
    rating: 4,
    title: null,
    body,
    bodyHtml: renderMarkdown(body.replace(/\u0000/g, '')),
    authorName: 'Someone',
    authorEmail: 'someone@example.com',
    verified: false,
    orderId: null,
    status: 'published',
    locale: null,
    ...overrides,
    now: overrides.now ?? h.clock.advance(1000),
  });
  return id;
}

describe('GET /v1/stores/:store/feeds/google-product-reviews.xml', () => {
  it('lists every published review of the store and nothing else, valid against the 2.4 schema', async () => {
    const shown = [await post('tee'), await post('mug', makeReviewInput({ author: { name: 'Zoë', email: 'zoe@private.example' } }))];
    const hidden = [await post('tee'), await post('tote'), await post('mug')];
    await setReviewStatus(h.db, 'store-a', [hidden[0]!], 'pending', h.clock.now);
    await setReviewStatus(h.db, 'store-a', [hidden[1]!], 'rejected', h.clock.now);
    await setReviewStatus(h.db, 'store-a', [hidden[2]!], 'spam', h.clock.now);
    const other = await post('tee', makeReviewInput(), 'store-b');

    const res = await feed();
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await googleFeedErrors(res.text)).toEqual([]);
    expect(texts(res.text, 'review_id')).toEqual(shown);
    for (const id of [...hidden, other]) expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('@');
    expect(texts(res.text, 'version')).toEqual(['2.4']);
    expect(texts(res.text, 'publisher')[0]).toContain('<name>Store store-a</name>');
  });

  it('writes each review in the schema order with the facts Google matches on', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Organic Tee', url: 'https://shop-a.example/products/tee', sku: 'TEE-1', gtin: '4006381333931', mpn: 'OT-01', brand: 'Acme' }], h.clock.now);
    await post('tee', makeReviewInput({ rating: 3, title: 'Decent', body: 'Really **good** <b>tee</b>\n\n- soft\n- *warm*', author: { name: 'Ann', email: 'ann@example.com' } }));

    const [review] = reviewsOf((await feed()).text);
    const order = [...review!.matchAll(/^ {2}<([a-z_]+)/gm)].map((m) => m[1]);
    expect(order).toEqual([
      'review_id', 'reviewer', 'is_verified_purchase', 'is_incentivized_review', 'review_timestamp', 'title', 'content',
      'review_url', 'ratings', 'products', 'is_spam', 'collection_method',
    ]);
    expect(texts(review!, 'name')).toEqual(['Ann']);
    expect(texts(review!, 'review_timestamp')).toEqual([new Date(h.clock.now - 1000).toISOString()]);
    // Plain text, not Markdown: what a reader sees, with the raw HTML shown as text.
    expect(texts(review!, 'content')).toEqual(['Really good <b>tee</b>\n\n- soft\n- warm']);
    expect(review).toContain('<review_url type="group">https://shop-a.example/products/tee</review_url>');
    expect(review).toContain('<overall min="1" max="5">3</overall>');
    expect(texts(review!, 'gtin')).toEqual(['4006381333931']);
    expect(texts(review!, 'mpn')).toEqual(['OT-01']);
    expect(texts(review!, 'sku')).toEqual(['TEE-1']);
    expect(texts(review!, 'brand')).toEqual(['Acme']);
    expect(texts(review!, 'product_name')).toEqual(['Organic Tee']);
    expect(texts(review!, 'product_url')).toEqual(['https://shop-a.example/products/tee']);
    expect(texts(review!, 'is_verified_purchase')).toEqual(['false']);
    expect(texts(review!, 'is_incentivized_review')).toEqual(['false']);
    expect(texts(review!, 'is_spam')).toEqual(['false']);
    expect(texts(review!, 'collection_method')).toEqual(['unsolicited']);
  });

  it('marks a review from a review request post_fulfillment, with its order as transaction_id only for the token holder', async () => {
    const [tee] = await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Tee' }], h.clock.now);
    await insert('store-a', tee!.id, { verified: true, orderId: 'order-1042', locale: 'en-GB' });

    const pub = await feed();
    expect(await googleFeedErrors(pub.text)).toEqual([]);
    const [review] = reviewsOf(pub.text);
    expect(texts(review!, 'is_verified_purchase')).toEqual(['true']);
    expect(texts(review!, 'collection_method')).toEqual(['post_fulfillment']);
    expect(texts(review!, 'review_language')).toEqual(['en']);
    // Orders never leave the public API, and the public feed is no way around that.
    expect(pub.text).not.toContain('order-1042');

    const urls = await h.call('GET', '/v1/admin/stores/store-a/feeds', { key: h.a.keys.secretKey });
    const tokened = await feed('store-a', new URL(urls.body.googleProductReviews.urlWithToken).search);
    expect(await googleFeedErrors(tokened.text)).toEqual([]);
    expect(texts(reviewsOf(tokened.text)[0]!, 'transaction_id')).toEqual(['order-1042']);
    expect(tokened.headers.get('etag')).not.toBe(pub.headers.get('etag'));
  });

  it('links a product without an absolute URL to its reviews snippet on the public origin, and leaves out product_url', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'mug', name: 'Mug', url: '/products/mug' }], h.clock.now);
    await post('mug');
    await post('tote');

    const xml = (await feed('store-a')).text;
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(texts(xml, 'review_url')).toEqual([
      `${PUBLIC_URL}/v1/stores/store-a/products/mug/snippet`,
      `${PUBLIC_URL}/v1/stores/store-a/products/tote/snippet`,
    ]);
    expect(xml).not.toContain('<product_url>');
    expect(xml).not.toContain('<product_ids>');
    // The request's Host never decides a URL Verity builds.
    const forged = await h.app.request(feedPath('store-a'), { headers: { host: 'evil.example' } });
    expect(await forged.text()).not.toContain('evil.example');
  });

  it('is valid with zero reviews: no <reviews> element, which may not be empty', async () => {
    const xml = (await feed('store-b')).text;
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(xml).not.toContain('<reviews>');
    expect(xml).toContain('<name>Store store-b</name>');
  });

  it('stays valid for names and bodies with markup, quotes, right-to-left text, emoji, long bodies and characters XML forbids', async () => {
    const nasty = 'Ann "the <b>critic</b>" & co ]]> </script> \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \ud83d\udc4d\ud83c\udffd';
    const [odd] = await upsertProducts(h.db, 'store-a', [{ externalId: 'odd', name: `Tee\u0001 ${nasty}\u0008`, sku: ' ', brand: '\u000b' }], h.clock.now);
    await insert('store-a', odd!.id, { authorName: nasty, title: `Title ${nasty}`, body: `Body ${nasty}\u0007 end` });
    await insert('store-a', odd!.id, { body: 'x'.repeat(4990) + ' 😀 end', title: '\u0001\u0002' });
    await insert('store-a', odd!.id, { authorName: '\u0001 \u0002', body: '\u05d8\u05d5\u05d1 \u05de\u05d0\u05d5\u05d3' });
    await insert('store-a', odd!.id, { body: '\u0003\u0004', bodyHtml: '<p>\u0003</p>' });

    const xml = (await feed()).text;
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const reviews = reviewsOf(xml);
    // The review with no visible text at all cannot have the required content, so it is left out.
    expect(reviews).toHaveLength(3);
    expect(texts(reviews[0]!, 'name')).toEqual([nasty]);
    expect(texts(reviews[0]!, 'title')).toEqual([`Title ${nasty}`]);
    expect(texts(reviews[0]!, 'content')).toEqual([`Body ${nasty} end`]);
    expect(texts(reviews[0]!, 'product_name')).toEqual([`Tee ${nasty}`]);
    expect(reviews[0]).not.toContain('<sku>');
    expect(reviews[0]).not.toContain('<brand>');
    expect(texts(reviews[1]!, 'content')[0]).toHaveLength(4990 + ' 😀 end'.length);
    expect(reviews[1]).not.toContain('<title>');
    expect(reviews[2]).toContain('<name is_anonymous="true">Anonymous</name>');
  });

  it('passes for the demo store', async () => {
    await seedDemo(h.db, { origins: [], now: h.clock.now });
    const xml = (await feed('demo')).text;
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(reviewsOf(xml)).toHaveLength(12);
    expect(xml).toContain('<collection_method>post_fulfillment</collection_method>');
  });

  it('answers NOT_FOUND for an unknown store', async () => {
    const res = await h.call('GET', feedPath('no-such-store'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the schema check', () => {
  it('fails a feed whose elements are out of order or missing', async () => {
    await post('tee');
    const xml = (await feed()).text;
    expect(await googleFeedErrors(xml)).toEqual([]);

    const timestampFirst = xml.replace(/(<reviewer>[\s\S]*?<\/reviewer>\n)(\s*<is_verified_purchase>.*\n)(\s*<is_incentivized_review>.*\n)(\s*<review_timestamp>.*\n)/, '$4$1$2$3');
    expect(timestampFirst).not.toBe(xml);
    expect((await googleFeedErrors(timestampFirst)).join('\n')).toMatch(/review_timestamp|reviewer/);

    const noContent = xml.replace(/\s*<content>.*<\/content>/, '');
    expect(noContent).not.toBe(xml);
    expect((await googleFeedErrors(noContent)).join('\n')).toMatch(/content/);

    const noZone = xml.replace(/(<review_timestamp>[^<]*)Z</, '$1<');
    expect(noZone).not.toBe(xml);
    expect(await googleFeedErrors(noZone)).not.toEqual([]);

    const relativeUrl = xml.replace(/(<review_url type="group">)http:\/\/localhost/, '$1');
    expect(relativeUrl).not.toBe(xml);
    expect(await googleFeedErrors(relativeUrl)).not.toEqual([]);
  });
});

describe('feed caching', () => {
  it('sends a public Cache-Control, an ETag and Last-Modified, and 304 for a matching If-None-Match', async () => {
    await post('tee');
    const first = await feed();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"gpr-[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(Date.parse(first.headers.get('last-modified')!)).toBe(Math.floor((h.clock.now - 1000) / 1000) * 1000);

    const again = await h.call('GET', feedPath('store-a'), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await h.call('GET', feedPath('store-a'), { headers: { 'if-none-match': `"other", ${etag.slice(2)}` } })).status).toBe(304);
    expect((await h.call('GET', feedPath('store-a'), { headers: { 'if-modified-since': first.headers.get('last-modified')! } })).status).toBe(304);
  });

  it('changes the ETag when a review is published, leaves the feed, or its product changes', async () => {
    const id = await post('tee');
    const tags = [(await feed()).headers.get('etag')];
    await post('mug');
    tags.push((await feed()).headers.get('etag'));
    await setReviewStatus(h.db, 'store-a', [id], 'rejected', h.clock.advance(1000));
    tags.push((await feed()).headers.get('etag'));
    await upsertProducts(h.db, 'store-a', [{ externalId: 'mug', name: 'Renamed mug' }], h.clock.advance(1000));
    tags.push((await feed()).headers.get('etag'));
    expect(new Set(tags).size).toBe(4);

    const stale = await h.call('GET', feedPath('store-a'), { headers: { 'if-none-match': tags[0]! } });
    expect(stale.status).toBe(200);
    expect(stale.text).toContain('Renamed mug');
  });
});

describe('feed token', () => {
  it('gives the merchant the feed URL with its token, which the feed accepts; a wrong token is refused', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/feeds', { key: h.a.keys.secretKey });
    expect(res.status, res.text).toBe(200);
    const { url, urlWithToken, tokenRequired, schemaVersion } = res.body.googleProductReviews;
    expect(url).toBe(`${PUBLIC_URL}${feedPath('store-a')}`);
    expect(urlWithToken).toMatch(new RegExp(`^${url.replace(/\./g, '\\.')}\\?token=[A-Za-z0-9_-]{43}$`));
    expect({ tokenRequired, schemaVersion }).toEqual({ tokenRequired: false, schemaVersion: '2.4' });

    await feed('store-a', new URL(urlWithToken).search);
    await feed('store-a');
    const storeB = await h.call('GET', '/v1/admin/stores/store-b/feeds', { key: h.b.keys.secretKey });
    const wrong = await h.call('GET', feedPath('store-a', new URL(storeB.body.googleProductReviews.urlWithToken).search));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('/v1/admin/stores/store-a/feeds') });
    expect((await h.call('GET', feedPath('store-a', '?token=nonsense'))).status).toBe(403);
  });

  it('keeps the merchant route to the store of the key', async () => {
    expect((await h.call('GET', '/v1/admin/stores/store-a/feeds')).status).toBe(401);
    expect((await h.call('GET', '/v1/admin/stores/store-a/feeds', { key: h.b.keys.secretKey })).status).toBe(403);
  });
});

describe('xmlText', () => {
  it('strips what XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE) and keeps tabs, newlines and astral characters', () => {
    expect(xmlText('a\u0000b\u0001\ud800c\udfff\ufffe\uffffd\te\nf 😀')).toBe('abcd\te\nf 😀');
    expect(xmlText(' \u0002 ')).toBeUndefined();
    expect(xmlText(null)).toBeUndefined();
  });
});

describe('googleProductReviewsFeed', () => {
  it('reads in keyset batches: every review once, oldest first, across batch boundaries and equal timestamps', async () => {
    const [tee] = await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Tee' }], h.clock.now);
    const t = h.clock.now;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await insert('store-a', tee!.id, { now: t + (i < 4 ? 0 : i) }));
    const expected = [...ids.slice(0, 4).sort(), ...ids.slice(4)];

    const chunks: string[] = [];
    const reader = googleProductReviewsFeed({ db: h.db, store: { id: 'store-a', name: 'A' }, baseUrl: PUBLIC_URL, withOrders: false, batchSize: 2 }).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value, { stream: true }));
    }
    const xml = chunks.join('');
    expect(texts(xml, 'review_id')).toEqual(expected);
    // One chunk per batch of two, the last batch (one review) closing the feed.
    expect(chunks).toHaveLength(4);
    expect(await googleFeedErrors(xml)).toEqual([]);
  });
});
