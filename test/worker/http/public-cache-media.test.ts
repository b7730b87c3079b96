/**
 * The public read cache stays exact for review media: attaching, hiding,
 * showing and deleting move the versions (migration 0011's triggers), so the
 * next read through the cached server equals the uncached one. Two real Node
 * servers share one database file and one data directory, so this also
 * stores and serves the files from `<VERITY_DATA_DIR>/media/`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../../worker/node';
import { jpegWithGps } from '../../fixtures/media';
import { makeReviewInput } from '../../fixtures/reviews';

type Server = Awaited<ReturnType<typeof startNodeServer>>;
let dir: string;
let cached: Server;
let plain: Server;
let key: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-media-cache-'));
  const config = { ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, writesPerMinute: 100_000, schedulerIntervalSeconds: 0, publicUrl: 'http://127.0.0.1:8787' };
  cached = await startNodeServer(config);
  plain = await startNodeServer({ ...config, publicCacheBytes: 0 });
  key = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')).secretKey;
});
afterAll(async () => {
  await cached.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });
});

const reviewsPath = '/v1/stores/demo/products/classic-tee/reviews';
const galleryPath = '/v1/stores/demo/media';

async function read(server: Server, path: string) {
  const res = await fetch(server.url + path);
  return { cache: res.headers.get('x-cache'), body: await res.text() };
}

/** Every read through the cached server, twice (a miss then a hit), equals the uncached server's. */
async function expectExact() {
  for (const path of [reviewsPath, galleryPath]) {
    const truth = (await read(plain, path)).body;
    expect((await read(cached, path)).body, path).toBe(truth);
    const again = await read(cached, path);
    expect(again.cache, path).toBe('hit');
    expect(again.body, path).toBe(truth);
  }
}

describe('public cache and review media', () => {
  it('shows an attached photo at once, drops a hidden one from the next read, and brings it back', async () => {
    await expectExact();
    const up = await fetch(`${plain.url}/v1/stores/demo/uploads`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: jpegWithGps() });
    expect(up.status).toBe(201);
    const { upload } = (await up.json()) as { upload: { id: string } };
    // Stored under the data directory, by hash.
    expect(readdirSync(join(dir, 'media', 'demo'))).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.jpg$/)]);

    const created = await fetch(`${plain.url}${reviewsPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeReviewInput({ media: [upload.id] })),
    });
    expect(created.status).toBe(201);
    await expectExact();
    const shown = JSON.parse((await read(cached, reviewsPath)).body).reviews[0];
    expect(shown.media.map((m: { id: string }) => m.id)).toEqual([upload.id]);
    const file = await fetch(shown.media[0].url.replace('http://127.0.0.1:8787', cached.url));
    expect(file.status).toBe(200);
    expect(await exifr.gps(new Uint8Array(await file.arrayBuffer()))).toBeUndefined();

    const patch = (hidden: boolean) =>
      fetch(`${plain.url}/v1/admin/stores/demo/media/${upload.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ hidden }),
      });
    expect((await patch(true)).status).toBe(200);
    await expectExact();
    expect(JSON.parse((await read(cached, reviewsPath)).body).reviews[0].media).toEqual([]);
    expect(JSON.parse((await read(cached, galleryPath)).body).items).toEqual([]);

    expect((await patch(false)).status).toBe(200);
    await expectExact();
    expect(JSON.parse((await read(cached, reviewsPath)).body).reviews[0].media).toHaveLength(1);

    const del = await fetch(`${plain.url}/v1/admin/stores/demo/reviews/${shown.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
    expect(del.status).toBe(204);
    await expectExact();
    expect(existsSync(join(dir, 'media', 'demo')) ? readdirSync(join(dir, 'media', 'demo')) : []).toEqual([]);
  });
});
