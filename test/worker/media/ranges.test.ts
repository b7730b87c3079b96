/**
 * Video seeking on the embedded default: `/media/` answers byte ranges from
 * the file in `<VERITY_DATA_DIR>/media/` through a real Node server, as
 * browsers ask for them (`<video>` in Safari plays nothing without 206).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../../worker/node';
import { mp4 } from '../../fixtures/media';
import { makeReviewInput } from '../../fixtures/reviews';

let dir: string;
let server: Awaited<ReturnType<typeof startNodeServer>>;
let url: string;
let whole: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-media-ranges-'));
  const config = { ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, writesPerMinute: 100_000, schedulerIntervalSeconds: 0 };
  server = await startNodeServer(config);
  const up = await fetch(`${server.url}/v1/stores/demo/uploads`, { method: 'POST', headers: { 'content-type': 'video/mp4' }, body: mp4(4) });
  expect(up.status, await up.clone().text()).toBe(201);
  const { upload } = (await up.json()) as { upload: { id: string } };
  const created = await fetch(`${server.url}/v1/stores/demo/products/classic-tee/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(makeReviewInput({ media: [upload.id] })),
  });
  expect(created.status).toBe(201);
  const list = (await (await fetch(`${server.url}/v1/stores/demo/products/classic-tee/reviews`)).json()) as { reviews: Array<{ media: Array<{ url: string }> }> };
  url = server.url + new URL(list.reviews[0]!.media[0]!.url).pathname;
  whole = mp4(4);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (headers: Record<string, string> = {}) => fetch(url, { headers });
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('GET /media/:store/:file with Range', () => {
  it('answers the whole file with Accept-Ranges, a strong ETag and a year of caching', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-length')).toBe(String(whole.byteLength));
    expect(await bytesOf(res)).toEqual(whole);
  });

  it('answers 206 with Content-Range for a closed, an open-ended and a suffix range', async () => {
    const size = whole.byteLength;
    for (const [range, start, end] of [
      ['bytes=0-0', 0, 0],
      ['bytes=10-49', 10, 49],
      [`bytes=${size - 20}-`, size - 20, size - 1],
      ['bytes=-16', size - 16, size - 1],
      // Past the end is cut to the end (RFC 9110 §14.1.2).
      [`bytes=100-${size + 1000}`, 100, size - 1],
    ] as const) {
      const res = await get({ range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
      expect(await bytesOf(res), range).toEqual(whole.subarray(start, end + 1));
    }
  });

  it('answers 416 with the size for a range past the end, and the whole file for a malformed one', async () => {
    const past = await get({ range: `bytes=${whole.byteLength}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.byteLength}`);
    await past.arrayBuffer();
    // A Range the server cannot read is ignored (RFC 9110 §14.2), as are several ranges at once.
    for (const range of ['bytes', 'items=0-1', 'bytes=0-1,10-11']) {
      const res = await get({ range });
      expect(res.status, range).toBe(200);
      expect(await bytesOf(res), range).toEqual(whole);
    }
  });

  it('honours If-Range only for the current ETag, and If-None-Match with 304', async () => {
    const etag = (await get()).headers.get('etag')!;
    const same = await get({ range: 'bytes=0-3', 'if-range': etag });
    expect(same.status).toBe(206);
    expect(await bytesOf(same)).toEqual(whole.subarray(0, 4));
    const other = await get({ range: 'bytes=0-3', 'if-range': '"0000"' });
    expect(other.status).toBe(200);
    expect(await bytesOf(other)).toEqual(whole);
    const cached = await get({ 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
  });
});
