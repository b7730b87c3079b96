import exifr from 'exifr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpegWithGps, mp4, plainJpeg, pngWithGps, SECRET_MARK, webm, webpChunks, webpWithGps } from '../../../fixtures/media';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, ORIGIN_A, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const upload = (bytes: Uint8Array<ArrayBuffer>, contentType: string, store = 'store-a', query = '') =>
  h.call('POST', `/v1/stores/${store}/uploads${query}`, { body: bytes, contentType, origin: store === 'store-a' ? ORIGIN_A : undefined });

async function uploaded(bytes: Uint8Array<ArrayBuffer>, contentType: string, query = ''): Promise<string> {
  const res = await upload(bytes, contentType, 'store-a', query);
  expect(res.status, res.text).toBe(201);
  return res.body.upload.id;
}

const review = (media: string[], store = 'store-a', product = 'tee') =>
  h.call('POST', `/v1/stores/${store}/products/${product}/reviews`, { json: makeReviewInput({ media }) });

const pathOf = (url: string) => new URL(url).pathname;

describe('POST /v1/stores/:store/uploads', () => {
  it('stores a JPEG by content and answers its id, kind, size and type', async () => {
    const res = await upload(jpegWithGps(40, 30), 'image/jpeg');
    expect(res.status, res.text).toBe(201);
    expect(res.body.upload).toEqual({
      id: expect.stringMatching(/^upl_[0-9a-z]{32}$/),
      kind: 'image',
      contentType: 'image/jpeg',
      width: 40,
      height: 30,
      bytes: expect.any(Number),
      durationSeconds: null,
    });
    expect(h.media.keys()).toEqual([expect.stringMatching(/^store-a\/[0-9a-f]{64}\.jpg$/)]);
  });

  it('refuses bytes that are not what the Content-Type says, and stores nothing', async () => {
    const res = await upload(pngWithGps(), 'image/jpeg');
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { declared: 'image/jpeg', detected: 'image/png' } });
    const text = await upload(new TextEncoder().encode('<svg onload=alert(1)>'), 'image/png');
    expect(text.status).toBe(415);
    expect(h.media.keys()).toEqual([]);
  });

  it('refuses a type it does not take, before reading the body', async () => {
    const res = await upload(new TextEncoder().encode('<svg/>'), 'image/svg+xml');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('image/jpeg');
  });

  it('refuses a photo over the store’s size limit with PAYLOAD_TOO_LARGE', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(plainJpeg());
    const res = await upload(big, 'image/jpeg');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an image wider than 4096 pixels and one it cannot read with INVALID_MEDIA', async () => {
    const wide = await upload(plainJpeg(4097, 1), 'image/jpeg');
    expect(wide.status).toBe(422);
    expect(wide.body.error).toMatchObject({ code: 'INVALID_MEDIA', message: expect.stringContaining('4096') });
    const truncated = await upload(plainJpeg().subarray(0, 200), 'image/jpeg');
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.code).toBe('INVALID_MEDIA');
  });

  it('takes an MP4 and a WebM within the length limit, with their duration, and refuses a longer one', async () => {
    const short = await upload(mp4(12.5), 'video/mp4');
    expect(short.status, short.text).toBe(201);
    expect(short.body.upload).toMatchObject({ kind: 'video', contentType: 'video/mp4', width: 640, height: 360, durationSeconds: 12.5 });
    const w = await upload(webm(8), 'video/webm');
    expect(w.status, w.text).toBe(201);
    expect(w.body.upload).toMatchObject({ kind: 'video', contentType: 'video/webm', width: 320, height: 240, durationSeconds: 8 });
    const long = await upload(mp4(61), 'video/mp4');
    expect(long.status).toBe(422);
    expect(long.body.error).toMatchObject({ code: 'INVALID_MEDIA', message: expect.stringContaining('60 s') });
  });

  it('ties a video to its poster image, and refuses a poster that is not this store’s unused image', async () => {
    const posterId = await uploaded(plainJpeg(64, 36), 'image/jpeg');
    const video = await upload(mp4(5), 'video/mp4', 'store-a', `?poster=${posterId}`);
    expect(video.status, video.text).toBe(201);
    const again = await upload(mp4(5), 'video/mp4', 'store-a', `?poster=${posterId}`);
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'INVALID_MEDIA', details: { id: posterId } });

    const created = await review([video.body.upload.id]);
    expect(created.status, created.text).toBe(201);
    const [shown] = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews;
    expect(shown.media).toEqual([
      expect.objectContaining({ id: video.body.upload.id, kind: 'video', contentType: 'video/mp4', posterUrl: expect.stringMatching(/\/media\/store-a\/[0-9a-f]{64}\.jpg$/) }),
    ]);
    expect(shown.media[0].thumbnailUrl).toBe(shown.media[0].posterUrl);
    const poster = await h.call('GET', pathOf(shown.media[0].posterUrl));
    expect(poster.status).toBe(200);
  });
});

describe('review media', () => {
  it('attaches uploads to a review and shows them with URLs that serve the stripped bytes', async () => {
    const original = jpegWithGps();
    // The fixture really carries what must not be served.
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(48.8584, 3), longitude: expect.closeTo(2.2945, 3) });
    const photo = await uploaded(original, 'image/jpeg');
    const res = await review([photo]);
    expect(res.status, res.text).toBe(201);

    const list = await h.call('GET', '/v1/stores/store-a/products/tee/reviews');
    const [shown] = list.body.reviews;
    expect(shown.media).toEqual([
      {
        id: photo,
        kind: 'image',
        url: expect.stringMatching(/^http:\/\/localhost\/media\/store-a\/[0-9a-f]{64}\.jpg$/),
        thumbnailUrl: expect.any(String),
        posterUrl: null,
        width: 32,
        height: 24,
        contentType: 'image/jpeg',
      },
    ]);

    const file = await h.app.request(pathOf(shown.media[0].url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain("default-src 'none'");
    const bytes = new Uint8Array(await file.arrayBuffer());
    // JFIF (APP0: density only) stays; EXIF, GPS, XMP and IPTC are gone.
    expect(await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, jfif: false, ihdr: false })).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(Buffer.from(bytes).includes(SECRET_MARK)).toBe(false);
  });

  it('serves PNG and WebP photos without their EXIF, XMP or text chunks', async () => {
    const png = await uploaded(pngWithGps(), 'image/png');
    h.clock.advance(1000);
    const ids = [png, await uploaded(webpWithGps(), 'image/webp')];
    expect((await review(ids)).status).toBe(201);
    const [shown] = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews;
    expect(shown.media.map((m: { contentType: string }) => m.contentType)).toEqual(['image/png', 'image/webp']);
    for (const m of shown.media) {
      const file = await h.app.request(pathOf(m.url));
      expect(file.headers.get('content-type')).toBe(m.contentType);
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(Buffer.from(bytes).includes(SECRET_MARK), m.contentType).toBe(false);
      // exifr reads no WebP: there the chunk list says it.
      if (m.contentType === 'image/png') expect(await exifr.gps(bytes)).toBeUndefined();
      else expect(webpChunks(bytes)).toEqual(['VP8X', 'VP8L']);
    }
  });

  it('refuses another store’s upload, an unknown id and one already used, naming the id, and writes no review', async () => {
    const ofB = await h.call('POST', '/v1/stores/store-b/uploads', { body: plainJpeg(), contentType: 'image/jpeg' });
    expect(ofB.status).toBe(201);
    const foreign = await review([ofB.body.upload.id]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toMatchObject({ code: 'INVALID_MEDIA', details: { id: ofB.body.upload.id } });

    const mine = await uploaded(plainJpeg(), 'image/jpeg');
    expect((await review([mine])).status).toBe(201);
    const reused = await review([mine]);
    expect(reused.status).toBe(422);
    expect(reused.body.error.details).toEqual({ id: mine });

    const list = await h.call('GET', '/v1/stores/store-a/products/tee/reviews');
    expect(list.body.reviews).toHaveLength(1);
  });

  it('takes at most maxPhotos photos and one video', async () => {
    const photos = [];
    for (let i = 0; i < 6; i++) photos.push(await uploaded(plainJpeg(8 + i, 8), 'image/jpeg'));
    const tooMany = await review(photos);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toContain('at most 5 photos');
    const videos = [await uploaded(mp4(3), 'video/mp4'), await uploaded(webm(3), 'video/webm')];
    const twoVideos = await review(videos);
    expect(twoVideos.status).toBe(422);
    expect(twoVideos.body.error.message).toContain('one video');
    expect((await review([...photos.slice(0, 5), videos[0]!])).status).toBe(201);
  });

  it('does not show or serve the media of a review held for moderation', async () => {
    const held = await createHarness({ moderation: 'hold' });
    try {
      const up = await held.call('POST', '/v1/stores/store-a/uploads', { body: plainJpeg(), contentType: 'image/jpeg' });
      const created = await held.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ media: [up.body.upload.id] }) });
      expect(created.body.status).toBe('pending');
      const key = held.media.keys()[0]!;
      const file = await held.app.request(`/media/${key}`);
      expect(file.status).toBe(404);
      const gallery = await held.call('GET', '/v1/stores/store-a/media');
      expect(gallery.body.items).toEqual([]);
    } finally {
      held.close();
    }
  });

  it('serves nothing for an unattached upload', async () => {
    await uploaded(plainJpeg(), 'image/jpeg');
    const file = await h.app.request(`/media/${h.media.keys()[0]}`);
    expect(file.status).toBe(404);
  });
});
