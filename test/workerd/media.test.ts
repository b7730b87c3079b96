/**
 * Review photos on workerd with R2 (miniflare's): the upload's type check
 * (file-type), size read (image-size) and metadata stripping run without
 * Node's APIs, and the file comes back from the bucket through /media/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';
import { createStore } from '../../worker/domain/store-keys';
import { jpegWithGps, mp4, SECRET_MARK } from '../fixtures/media';
import { makeReviewInput } from '../fixtures/reviews';
import { buildWorker } from '../helpers/build-worker';

const BASE = 'https://reviews.edge.example';
let dir: string;
let buildDir: string;
let hrana: HranaServer;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-workerd-media-'));
  const url = `file:${join(dir, 'media.db')}`;
  const client = await openEmbedded(url);
  const db = createDb(client);
  await migrateDb(db);
  await createStore(db, { id: 'edge', name: 'Edge' }, Date.now());
  await upsertProducts(db, 'edge', [{ externalId: 'cap', name: 'Cap' }], Date.now());
  client.close();

  hrana = await startHranaServer({ url });
  const built = await buildWorker();
  buildDir = built.dir;
  mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath: built.script,
      modulesRoot: built.dir,
      compatibilityDate: '2026-11-01',
      compatibilityFlags: ['nodejs_compat'],
      bindings: { LIBSQL_URL: hrana.url, PUBLIC_WRITES_PERIOD: '60', PUBLIC_URL: BASE },
      r2Buckets: ['MEDIA'],
    }),
  );
}, 180_000);

afterAll(async () => {
  await mf?.dispose();
  await hrana?.close();
  rmSync(dir, { recursive: true, force: true });
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('review photos on workerd with R2', () => {
  it('uploads a JPEG with GPS, stores it in R2 without its metadata, and serves it back once attached', async () => {
    const up = await mf.dispatchFetch(`${BASE}/v1/stores/edge/uploads`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: jpegWithGps(48, 32) });
    const uploaded = (await up.json()) as { upload: { id: string; width: number; height: number } };
    expect(up.status, JSON.stringify(uploaded)).toBe(201);
    expect(uploaded.upload).toMatchObject({ width: 48, height: 32 });

    const bucket = await mf.getR2Bucket('MEDIA');
    const listed = await bucket.list();
    expect(listed.objects.map((o) => o.key)).toEqual([expect.stringMatching(/^edge\/[0-9a-f]{64}\.jpg$/)]);

    const created = await mf.dispatchFetch(`${BASE}/v1/stores/edge/products/cap/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeReviewInput({ media: [uploaded.upload.id] })),
    });
    expect(created.status, await created.text()).toBe(201);

    const list = (await (await mf.dispatchFetch(`${BASE}/v1/stores/edge/products/cap/reviews`)).json()) as { reviews: Array<{ media: Array<{ url: string }> }> };
    const url = list.reviews[0]!.media[0]!.url;
    expect(url.startsWith(`${BASE}/media/edge/`)).toBe(true);
    const file = await mf.dispatchFetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(Buffer.from(bytes).includes(SECRET_MARK)).toBe(false);
  });

  it('serves a video’s byte ranges from R2: 206 for a closed, open and suffix range, 416 past the end', async () => {
    const video = mp4(6);
    const up = await mf.dispatchFetch(`${BASE}/v1/stores/edge/uploads`, { method: 'POST', headers: { 'content-type': 'video/mp4' }, body: video });
    const uploaded = (await up.json()) as { upload: { id: string } };
    expect(up.status, JSON.stringify(uploaded)).toBe(201);
    const created = await mf.dispatchFetch(`${BASE}/v1/stores/edge/products/cap/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeReviewInput({ media: [uploaded.upload.id], author: { name: 'Vid', email: 'vid@example.com' } })),
    });
    expect(created.status, await created.text()).toBe(201);
    const list = (await (await mf.dispatchFetch(`${BASE}/v1/stores/edge/products/cap/reviews`)).json()) as { reviews: Array<{ media: Array<{ id: string; url: string }> }> };
    const url = list.reviews.flatMap((r) => r.media).find((m) => m.id === uploaded.upload.id)!.url;

    const full = await mf.dispatchFetch(url);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    const etag = full.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(video);

    const size = video.byteLength;
    for (const [range, start, end] of [
      ['bytes=8-39', 8, 39],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-12', size - 12, size - 1],
    ] as const) {
      const res = await mf.dispatchFetch(url, { headers: { range, 'if-range': etag } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toBe(etag);
      expect(new Uint8Array(await res.arrayBuffer()), range).toEqual(video.subarray(start, end + 1));
    }
    const past = await mf.dispatchFetch(url, { headers: { range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    await past.arrayBuffer();
  });

  it('refuses bytes that are not the declared type', async () => {
    const res = await mf.dispatchFetch(`${BASE}/v1/stores/edge/uploads`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: jpegWithGps() });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
