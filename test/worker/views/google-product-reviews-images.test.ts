/** Review photos in the Google product reviews feed: `<reviewer_images>` of visible images only, valid against 2.4. */
import { decodeXML } from 'entities/decode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setReviewStatus } from '../../../db/queries/reviews';
import { googleProductReviewsFeed } from '../../../worker/views/google-product-reviews';
import { mp4, plainJpeg } from '../../fixtures/media';
import { makeReviewInput } from '../../fixtures/reviews';
import { createHarness, PUBLIC_URL, type Harness } from '../../helpers/harness';
import { googleFeedErrors } from '../../helpers/xml-schema';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const feedPath = '/v1/stores/store-a/feeds/google-product-reviews.xml';
const key = () => h.a.keys.secretKey;

async function upload(body: Uint8Array<ArrayBuffer>, contentType: string, query = ''): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/uploads${query}`, { body, contentType });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.upload.id;
}
const photo = (width: number) => upload(plainJpeg(width, 16), 'image/jpeg');

async function reviewWith(media: string[], product = 'tee'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput({ media }) });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id;
}

/** Each review's id and the URLs of its reviewer images, in document order. */
function imagesByReview(xml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [review] of xml.matchAll(/<review>[\s\S]*?<\/review>/g)) {
    const id = /<review_id>([^<]*)<\/review_id>/.exec(review)![1]!;
    out[id] = [...review.matchAll(/<reviewer_image>\s*<url>([^<]*)<\/url>\s*<\/reviewer_image>/g)].map((m) => decodeXML(m[1]!));
  }
  return out;
}

/** The public file URL of each visible media item of the store's reviews, by media id. */
async function publicUrls(): Promise<Map<string, string>> {
  const pages = await Promise.all(['tee', 'mug'].map((p) => h.call('GET', `/v1/stores/store-a/products/${p}/reviews`)));
  return new Map(pages.flatMap((p) => p.body.reviews.flatMap((r: { media: Array<{ id: string; url: string }> }) => r.media.map((m) => [m.id, m.url] as const))));
}

describe('GET …/feeds/google-product-reviews.xml with review media', () => {
  it('lists a published review’s visible photos as absolute reviewer_image URLs, never its video, poster or hidden photo', async () => {
    const [first, second, hidden] = [await photo(10), await photo(11), await photo(12)];
    const poster = await photo(13);
    const video = await upload(mp4(3), 'video/mp4', `?poster=${poster}`);
    const withMedia = await reviewWith([first, second, hidden, video]);
    const plain = await reviewWith([]);
    const urls = await publicUrls();
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/media/${hidden}`, { json: { hidden: true }, key: key() })).status).toBe(200);

    const res = await h.call('GET', feedPath);
    expect(res.status, res.text).toBe(200);
    expect(await googleFeedErrors(res.text)).toEqual([]);
    expect(imagesByReview(res.text)).toEqual({ [withMedia]: [urls.get(first), urls.get(second)], [plain]: [] });
    for (const url of imagesByReview(res.text)[withMedia]!) expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/media/store-a/[0-9a-f]{64}\\.jpg$`));
    expect(res.text).not.toContain('.mp4');
    expect(res.text.match(/<reviewer_images>/g)).toHaveLength(1);
    // Each file URL in the feed is one the public file route serves.
    for (const url of imagesByReview(res.text)[withMedia]!) expect((await h.app.request(new URL(url).pathname)).status).toBe(200);
  });

  it('leaves out the photos of a review that is rejected, and brings them back when it is published again', async () => {
    const shot = await photo(20);
    const id = await reviewWith([shot]);
    await setReviewStatus(h.db, 'store-a', [id], 'rejected', h.clock.advance(1000));
    const rejected = await h.call('GET', feedPath);
    expect(rejected.text).not.toContain(id);
    expect(rejected.text).not.toContain('/media/');

    await setReviewStatus(h.db, 'store-a', [id], 'published', h.clock.advance(1000));
    expect(imagesByReview((await h.call('GET', feedPath)).text)[id]).toHaveLength(1);
  });

  it('changes the ETag when a photo is hidden, so a cache holding the feed with it refetches', async () => {
    const shot = await photo(30);
    await reviewWith([shot]);
    const before = await h.call('GET', feedPath);
    const etag = before.headers.get('etag')!;
    expect(before.text).toContain('<reviewer_image>');
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/media/${shot}`, { json: { hidden: true }, key: key() })).status).toBe(200);

    const after = await h.call('GET', feedPath, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.text).not.toContain('<reviewer_image>');
  });

  it('puts each batch’s photos on the right reviews across batch boundaries', async () => {
    const ids: string[] = [];
    const expected: Record<string, string[]> = {};
    for (let i = 0; i < 5; i++) ids.push(await reviewWith(i % 2 === 0 ? [await photo(40 + i), await photo(50 + i)] : []));
    const urls = await publicUrls();
    const reviews = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews as Array<{ id: string; media: Array<{ id: string }> }>;
    for (const r of reviews) expected[r.id] = r.media.map((m) => urls.get(m.id)!);

    const stream = googleProductReviewsFeed({ db: h.db, store: { id: 'store-a', name: 'A' }, baseUrl: PUBLIC_URL, withOrders: false, batchSize: 2 });
    const xml = await new Response(stream).text();
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(imagesByReview(xml)).toEqual(expected);
    expect(Object.values(expected).flat()).toHaveLength(6);
  });
});
