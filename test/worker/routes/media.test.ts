/** Review media after upload: the "with photos" filter, the gallery, the merchant's hide/show, and deletion with the review. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mp4, plainJpeg } from '../../fixtures/media';
import { makeReviewInput } from '../../fixtures/reviews';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const pathOf = (url: string) => new URL(url).pathname;
const key = () => h.a.keys.secretKey;

async function upload(width = 16, store = 'store-a'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/${store}/uploads`, { body: plainJpeg(width, 16), contentType: 'image/jpeg' });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.upload.id;
}

async function reviewWith(media: string[], product = 'tee', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput({ media, ...extra }) });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id;
}

const reviewsOf = async (query = '') => (await h.call('GET', `/v1/stores/store-a/products/tee/reviews${query}`)).body;
const hide = (id: string, hidden: boolean, store = 'store-a', secret = key()) => h.call('PATCH', `/v1/admin/stores/${store}/media/${id}`, { json: { hidden }, key: secret });

describe('GET …/reviews?media=true', () => {
  it('lists only reviews with visible media, and the summary counts them', async () => {
    const photo = await upload();
    const withPhoto = await reviewWith([photo]);
    await reviewWith([]);
    expect((await reviewsOf()).summary.mediaCount).toBe(1);
    const filtered = await reviewsOf('?media=true');
    expect(filtered.reviews.map((r: { id: string }) => r.id)).toEqual([withPhoto]);

    expect((await hide(photo, true)).status).toBe(200);
    expect((await reviewsOf()).summary.mediaCount).toBe(0);
    expect((await reviewsOf('?media=true')).reviews).toEqual([]);
  });
  it('counts a review with photos only while it is published, and not after it is deleted', async () => {
    const withPhotos = await reviewWith([await upload(), await upload(17)]);
    await reviewWith([await upload(18)], 'mug');
    expect((await reviewsOf()).summary.mediaCount).toBe(1);
    const moderate = (status: string) => h.call('PATCH', `/v1/admin/stores/store-a/reviews/${withPhotos}`, { json: { status }, key: key() });
    expect((await moderate('rejected')).status).toBe(200);
    expect((await reviewsOf()).summary.mediaCount).toBe(0);
    expect((await moderate('published')).status).toBe(200);
    expect((await reviewsOf()).summary.mediaCount).toBe(1);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${withPhotos}`, { key: key() })).status).toBe(204);
    expect((await reviewsOf()).summary).toMatchObject({ count: 0, mediaCount: 0 });
  });
});

describe('GET /v1/stores/:store/media', () => {
  it('pages a product’s or the whole store’s visible media, newest first, with the review they belong to', async () => {
    const first = await upload(10);
    const second = await upload(11);
    const third = await upload(12);
    const onTee = await reviewWith([first, second]);
    const onMug = await reviewWith([third], 'mug');

    const store = await h.call('GET', '/v1/stores/store-a/media?limit=2');
    expect(store.status, store.text).toBe(200);
    expect(store.body.items.map((m: { id: string }) => m.id)).toEqual([third, second]);
    expect(store.body.items[0]).toMatchObject({ reviewId: onMug, product: 'mug', rating: 5, authorName: expect.any(String), kind: 'image', width: 12 });
    const next = await h.call('GET', `/v1/stores/store-a/media?limit=2&cursor=${encodeURIComponent(store.body.nextCursor)}`);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: first, reviewId: onTee })], nextCursor: null });

    const tee = await h.call('GET', '/v1/stores/store-a/media?product=tee');
    expect(tee.body.items.map((m: { id: string }) => m.id)).toEqual([second, first]);
    expect((await h.call('GET', '/v1/stores/store-a/media?product=nope')).status).toBe(404);
    expect((await h.call('GET', '/v1/stores/store-b/media')).body.items).toEqual([]);
  });
});

describe('PATCH /v1/admin/stores/:store/media/:id', () => {
  it('hides a photo from the review, the gallery and its URL, audited, and shows it again', async () => {
    const photo = await upload(30);
    const other = await upload(31);
    const reviewId = await reviewWith([photo, other]);
    const [shown] = (await reviewsOf()).reviews;
    const url = pathOf(shown.media[0].url);

    const hidden = await hide(photo, true);
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body).toEqual({ media: { id: photo, hidden: true } });
    expect((await reviewsOf()).reviews[0].media.map((m: { id: string }) => m.id)).toEqual([other]);
    expect((await h.call('GET', '/v1/stores/store-a/media')).body.items.map((m: { id: string }) => m.id)).toEqual([other]);
    expect((await h.app.request(url)).status).toBe(404);
    // The merchant still sees it, flagged, with a URL that works.
    const inbox = await h.call('GET', '/v1/admin/stores/store-a/inbox?tab=reviews&status=published', { key: key() });
    expect(inbox.status, inbox.text).toBe(200);
    const item = inbox.body.items.find((i: { id: string }) => i.id === reviewId);
    expect(item.media).toEqual([expect.objectContaining({ id: photo, hidden: true }), expect.objectContaining({ id: other, hidden: false })]);
    const file = await h.call('GET', pathOf(item.media[0].url), { key: key() });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('cache-control')).toBe('private, no-store');

    const audit = await h.call('GET', '/v1/admin/stores/store-a/audit?limit=1', { key: key() });
    expect(audit.body.entries[0]).toMatchObject({ action: 'media.hide', target: { kind: 'media', id: photo } });

    expect((await hide(photo, false)).body).toEqual({ media: { id: photo, hidden: false } });
    expect((await h.app.request(url)).status).toBe(200);
  });

  it('answers NOT_FOUND to another store’s key, for the change and the file, and changes nothing', async () => {
    const photo = await upload();
    await reviewWith([photo]);
    const res = await hide(photo, true, 'store-b', h.b.keys.secretKey);
    expect(res.status).toBe(404);
    expect((await h.call('GET', `/v1/admin/stores/store-b/media/${photo}/file`, { key: h.b.keys.secretKey })).status).toBe(404);
    // Store A's path with B's key is refused outright.
    expect((await hide(photo, true, 'store-a', h.b.keys.secretKey)).status).toBe(403);
    expect((await reviewsOf()).reviews[0].media).toHaveLength(1);
  });

  it('refuses a body that is not { hidden: boolean }', async () => {
    const photo = await upload();
    await reviewWith([photo]);
    const res = await h.call('PATCH', `/v1/admin/stores/store-a/media/${photo}`, { json: { hidden: 'yes' }, key: key() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /v1/admin/stores/:store/media/:id/file', () => {
  it('answers a byte range of a held review’s video, privately, so the inbox can seek it', async () => {
    const res = await h.call('POST', '/v1/stores/store-a/uploads', { body: mp4(4), contentType: 'video/mp4' });
    expect(res.status, res.text).toBe(201);
    const video = res.body.upload.id;
    const reviewId = await reviewWith([video]);
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${reviewId}`, { json: { status: 'pending' }, key: key() })).status).toBe(200);
    const path = `/v1/admin/stores/store-a/media/${video}/file`;
    const ranged = await h.call('GET', path, { key: key(), headers: { range: 'bytes=0-7' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-7/${mp4(4).byteLength}`);
    expect(ranged.headers.get('cache-control')).toBe('private, no-store');
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect((await h.call('GET', path, { headers: { range: 'bytes=0-7' } })).status).toBe(401);
  });
});

describe('deleting media with its review', () => {
  it('deletes the files when the merchant deletes the review, but keeps a file another review still shows', async () => {
    const photo = await upload(20);
    const sameBytes = await upload(20);
    const own = await upload(21);
    const doomed = await reviewWith([photo, own]);
    await reviewWith([sameBytes]);
    expect(h.media.keys()).toHaveLength(2);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${doomed}`, { key: key() })).status).toBe(204);
    expect(h.media.keys()).toHaveLength(1);
    expect((await h.app.request(pathOf((await reviewsOf()).reviews[0].media[0].url))).status).toBe(200);
  });

  it('deletes an erased author’s files', async () => {
    const photo = await upload();
    await reviewWith([photo], 'tee', { author: { name: 'Kim', email: 'kim@example.com' } });
    expect(h.media.keys()).toHaveLength(1);
    const erased = await h.call('DELETE', '/v1/admin/stores/store-a/authors/KIM@example.com', { key: key() });
    expect(erased.status, erased.text).toBe(200);
    expect(h.media.keys()).toEqual([]);
  });
});

describe('cleanupUploads', () => {
  it('deletes uploads no review took within 24 hours, with their files, and keeps attached and younger ones', async () => {
    const { cleanupUploads } = await import('../../../worker/media/cleanup');
    const attached = await upload(40);
    await reviewWith([attached]);
    const stale = await upload(41);
    h.clock.advance(23 * 60 * 60 * 1000);
    const young = await upload(42);
    h.clock.advance(60 * 60 * 1000 + 1);
    expect(h.media.keys()).toHaveLength(3);

    expect(await cleanupUploads(h.db, h.media, h.clock.now)).toBe(1);
    expect(h.media.keys()).toHaveLength(2);
    const reuse = await h.call('POST', '/v1/stores/store-a/products/mug/reviews', { json: makeReviewInput({ media: [stale] }) });
    expect(reuse.status).toBe(422);
    expect((await h.call('POST', '/v1/stores/store-a/products/mug/reviews', { json: makeReviewInput({ media: [young] }) })).status).toBe(201);
    expect(await cleanupUploads(h.db, h.media, h.clock.now)).toBe(0);
  });
});

describe('GET …/jsonld', () => {
  it('gives a review with visible photos their URLs as schema.org image, and none once hidden', async () => {
    const photo = await upload(50);
    await reviewWith([photo]);
    const ld = async () => JSON.parse((await h.call('GET', '/v1/stores/store-a/products/tee/jsonld')).text);
    const [review] = (await ld()).review;
    expect(review.image).toEqual([expect.stringMatching(/^http:\/\/localhost\/media\/store-a\/[0-9a-f]{64}\.jpg$/)]);
    await hide(photo, true);
    expect((await ld()).review[0].image).toBeUndefined();
  });
});
