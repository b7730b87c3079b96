/** The store's review media limits in its settings: bounded, merged field by field, reset with null, and what the storefront and uploads then use. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getStore } from '../../../../db/queries/stores';
import { mp4, plainJpeg } from '../../../fixtures/media';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const patch = (json: unknown) => h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json });
const MB = 1024 * 1024;
const defaults = { maxPhotos: 5, maxImageBytes: 10 * MB, maxImagePixels: 2048, maxVideoBytes: 50 * MB, maxVideoSeconds: 60 };

async function upload(body: Uint8Array<ArrayBuffer>, contentType: string) {
  const res = await h.call('POST', '/v1/stores/store-a/uploads', { body, contentType });
  h.clock.advance(1000);
  return res;
}

describe('PATCH /v1/admin/stores/:store media', () => {
  it('shows the defaults, changes one limit without the others, and null goes back to the default', async () => {
    expect((await h.call('GET', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey })).body.media).toEqual(defaults);

    const first = await patch({ media: { maxPhotos: 2, maxVideoSeconds: 15 } });
    expect(first.status, first.text).toBe(200);
    expect(first.body.media).toEqual({ ...defaults, maxPhotos: 2, maxVideoSeconds: 15 });
    const second = await patch({ media: { maxImageBytes: 2 * MB } });
    expect(second.body.media).toEqual({ ...defaults, maxPhotos: 2, maxVideoSeconds: 15, maxImageBytes: 2 * MB });
    const reset = await patch({ media: { maxPhotos: null } });
    expect(reset.body.media).toEqual({ ...defaults, maxVideoSeconds: 15, maxImageBytes: 2 * MB });
    // Only the overrides are stored, so a later change of a default reaches this store.
    expect((await getStore(h.db, 'store-a'))!.settings.media).toEqual({ maxVideoSeconds: 15, maxImageBytes: 2 * MB });

    const audit = await h.call('GET', '/v1/admin/stores/store-a/audit?limit=1', { key: h.a.keys.secretKey });
    expect(audit.body.entries[0]).toMatchObject({ action: 'settings.update', details: { fields: ['media'] } });
  });

  it('refuses a limit out of bounds, not a whole number, or unknown, naming it, and changes nothing', async () => {
    await patch({ media: { maxPhotos: 3 } });
    const before = await getStore(h.db, 'store-a');
    for (const [media, field, words] of [
      [{ maxPhotos: 0 }, 'media.maxPhotos', 'maxPhotos must be a whole number from 1 to 10'],
      [{ maxPhotos: 11 }, 'media.maxPhotos', 'from 1 to 10'],
      [{ maxPhotos: 2.5 }, 'media.maxPhotos', 'whole number'],
      [{ maxImageBytes: 1000 }, 'media.maxImageBytes', 'maxImageBytes must be a whole number of bytes from 102400 (100 KB) to 20971520 (20 MB)'],
      [{ maxImagePixels: 5000 }, 'media.maxImagePixels', 'from 320 to 4096'],
      [{ maxVideoBytes: 200 * MB }, 'media.maxVideoBytes', '(100 MB)'],
      [{ maxVideoSeconds: 0 }, 'media.maxVideoSeconds', 'from 1 to 600'],
      [{ maxVideoSeconds: '30' }, 'media.maxVideoSeconds', 'from 1 to 600'],
      [{ maxVideos: 2 }, 'media', 'unknown field: maxVideos'],
    ] as const) {
      const res = await patch({ media, name: 'Renamed' });
      expect(res.status, JSON.stringify(media)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues, JSON.stringify(media)).toContainEqual({ path: field, message: expect.stringContaining(words) });
    }
    expect(await getStore(h.db, 'store-a')).toEqual(before);
  });

  it('reaches the storefront: the public config and the upload and review checks use the new limits', async () => {
    expect((await patch({ media: { maxPhotos: 2, maxVideoSeconds: 5, maxImageBytes: 100 * 1024 } })).status).toBe(200);
    const config = await h.call('GET', '/v1/stores/store-a/config');
    expect(config.body.media).toMatchObject({ maxPhotos: 2, maxVideoSeconds: 5, maxImageBytes: 100 * 1024, maxVideoBytes: 50 * MB });

    const long = await upload(mp4(6), 'video/mp4');
    expect(long.status).toBe(422);
    expect(long.body.error.message).toContain('at most 5 s');
    const photos = [];
    for (let i = 0; i < 3; i++) photos.push((await upload(plainJpeg(16 + i, 16), 'image/jpeg')).body.upload.id);
    const three = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ media: photos }) });
    expect(three.status).toBe(422);
    expect((await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ media: photos.slice(0, 2) }) })).status).toBe(201);
  });
});
