import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chosenEncoding, compressAnswer } from '../../../worker/http/compress-answer';

const json = (bytes: number) => new TextEncoder().encode(JSON.stringify({ text: 'review '.repeat(Math.ceil(bytes / 7)) })) as Uint8Array<ArrayBuffer>;

describe('chosenEncoding', () => {
  it('takes what the client prefers of gzip and deflate, gzip on a tie', () => {
    expect(chosenEncoding('gzip, deflate, br')).toBe('gzip');
    expect(chosenEncoding('deflate')).toBe('deflate');
    expect(chosenEncoding('gzip;q=0.5, deflate;q=0.8')).toBe('deflate');
    expect(chosenEncoding('br, *;q=0.1')).toBe('gzip');
    expect(chosenEncoding('gzip;q=0, identity')).toBeUndefined();
    expect(chosenEncoding('br')).toBeUndefined();
    expect(chosenEncoding(undefined)).toBeUndefined();
  });
});

describe('compressAnswer', () => {
  it('compresses text of 1 KB and up, says so, and keeps the ETag weak', async () => {
    const body = json(4000);
    const headers: Record<string, string> = { 'content-type': 'application/json', etag: '"abc"', vary: 'Origin' };
    const sent = await compressAnswer(200, headers, body, 'gzip');
    expect(gunzipSync(sent).toString()).toBe(new TextDecoder().decode(body));
    expect(sent.byteLength).toBeLessThan(body.byteLength / 4);
    expect(headers).toMatchObject({ 'content-encoding': 'gzip', etag: 'W/"abc"', vary: 'Origin, Accept-Encoding' });

    const deflated = await compressAnswer(200, { 'content-type': 'text/html; charset=UTF-8' }, body, 'deflate');
    expect(inflateSync(deflated).toString()).toBe(new TextDecoder().decode(body));
  });

  it('says Vary: Accept-Encoding to a client that takes no encoding, as its answer could have been compressed', async () => {
    const body = json(4000);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    expect(await compressAnswer(200, headers, body, 'identity')).toBe(body);
    expect(headers).toEqual({ 'content-type': 'application/json', vary: 'Accept-Encoding' });
  });

  it('leaves small, binary, already encoded, no-transform and partial answers as they are', async () => {
    const cases: Array<[number, Record<string, string>, Uint8Array<ArrayBuffer>]> = [
      [200, { 'content-type': 'application/json' }, json(500)],
      [200, { 'content-type': 'image/png' }, json(4000)],
      [200, { 'content-type': 'application/json', 'content-encoding': 'br' }, json(4000)],
      [200, { 'content-type': 'application/json', 'cache-control': 'public, no-transform' }, json(4000)],
      [206, { 'content-type': 'application/json' }, json(4000)],
    ];
    for (const [status, headers, body] of cases) {
      const before = { ...headers };
      expect(await compressAnswer(status, headers, body, 'gzip')).toBe(body);
      expect(headers).toEqual(before);
    }
  });
});
