import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chosenEncoding, compressAnswer, compressResponse } from '../../../worker/http/compress-answer';

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

describe('compressResponse', () => {
  const text = new TextDecoder().decode(json(4000));

  it('compresses a body held whole in one go, keeping every Set-Cookie', async () => {
    const headers = new Headers({ 'content-type': 'text/html; charset=UTF-8', etag: '"v1"' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const res = await compressResponse(new Response(text, { status: 201, headers }), 'GET', 'gzip', text);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('etag')).toBe('W/"v1"');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(text);
  });

  it('compresses a streamed body as a stream, and drops its length', async () => {
    const stream = new Blob([text]).stream();
    const res = await compressResponse(new Response(stream, { headers: { 'content-type': 'application/javascript', 'content-length': String(text.length) } }), 'GET', 'deflate', undefined);
    expect(res.headers.get('content-encoding')).toBe('deflate');
    expect(res.headers.get('content-length')).toBeNull();
    expect(inflateSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(text);
  });

  it('leaves HEAD, small, binary and no-transform answers alone; says Vary to a client that takes no encoding', async () => {
    const small = new Response('{"id":"rv_1"}', { headers: { 'content-type': 'application/json' } });
    expect(await compressResponse(small, 'POST', 'gzip', '{"id":"rv_1"}')).toBe(small);
    expect(small.headers.get('vary')).toBeNull();
    for (const [method, type, cacheControl] of [['HEAD', 'text/html', ''], ['GET', 'image/png', ''], ['GET', 'text/html', 'no-transform']]) {
      const res = new Response(text, { headers: { 'content-type': type!, 'cache-control': cacheControl! } });
      expect(await compressResponse(res, method!, 'gzip', text), `${method} ${type} ${cacheControl}`).toBe(res);
      expect(res.headers.get('content-encoding')).toBeNull();
    }
    const identity = new Response(text, { headers: { 'content-type': 'application/json' } });
    expect(await compressResponse(identity, 'GET', 'identity', text)).toBe(identity);
    expect(identity.headers.get('vary')).toBe('Accept-Encoding');
  });
});
