/**
 * The public read cache never shows an answer older than the last acknowledged
 * write. Two real servers share one database file, as `npm start` and the CLI
 * do: one with the cache, one without. After every kind of write, through
 * either of them, every read through the cached one must equal the uncached one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../../worker/node';
import { cacheScopes, PUBLIC_CACHE_CONTROL } from '../../../worker/http/public-cache';
import { ByteLru } from '../../../worker/lib/byte-lru';
import { makeReviewInput, voterToken } from '../../fixtures/reviews';
import { emailedLinks } from '../../fixtures/links';
import { createDb } from '../../../db/client';
import { openEmbedded } from '../../../db/embedded';

type Server = Awaited<ReturnType<typeof startNodeServer>>;
let dir: string;
let cached: Server;
let plain: Server;
let key: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-cache-'));
  // One public URL for both, as one deployment has: answers hold links built from it.
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

const store = '/v1/stores/demo';
const admin = '/v1/admin/stores/demo';

async function send(server: Server, method: string, path: string, body?: unknown, merchant = false) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (merchant) headers.authorization = `Bearer ${key}`;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

async function read(server: Server, path: string) {
  const res = await fetch(server.url + path);
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
}

/** The edit links (`/e/…`) emailed so far, oldest first, read from the shared database file. */
async function editLinks(): Promise<string[]> {
  const client = await openEmbedded(`file:${join(dir, 'verity.db')}`);
  try {
    return await emailedLinks(createDb(client), 'e');
  } finally {
    client.close();
  }
}

let questionId = '';
const reads = () => [
  `${store}/products/classic-tee/reviews`,
  `${store}/products/classic-tee/reviews?sort=helpful`,
  `${store}/products/classic-tee/reviews?q=soft`,
  `${store}/summaries?products=classic-tee,canvas-tote`,
  `${store}/products/classic-tee/questions`,
  `${store}/products/classic-tee/jsonld`,
  `${store}/products/classic-tee/snippet`,
  `${store}/products/canvas-tote/reviews`,
  `${store}/moderation`,
  ...(questionId ? [`${store}/questions/${questionId}`] : []),
];

/** Every read through the cache equals the same read without it; returns the bodies. */
async function expectFresh(): Promise<string[]> {
  const bodies: string[] = [];
  for (const path of reads()) {
    const [a, b] = await Promise.all([read(cached, path), read(plain, path)]);
    expect({ status: a.status, body: a.body }, path).toEqual({ status: b.status, body: b.body });
    bodies.push(a.body);
  }
  return bodies;
}

/** Warms the cache, checks it serves hits, applies `write`, and checks every read is fresh and something changed. */
async function afterWrite(write: () => Promise<unknown>, shows: 'content' | 'nothing' = 'content') {
  await expectFresh();
  const warm = await Promise.all(reads().map((path) => read(cached, path)));
  expect(warm.filter((r) => r.status === 200).every((r) => r.cache === 'hit'), 'a second read is a hit').toBe(true);
  const before = warm.map((r) => r.body);
  await write();
  if (shows === 'nothing') {
    // Nothing these answers show changed, but the cache cannot know that: it must have let go of them.
    expect((await Promise.all(reads().map((path) => read(cached, path)))).map((r) => r.cache)).not.toContain('hit');
  }
  const after = await expectFresh();
  if (shows === 'content') expect(after, 'the write changed at least one public answer').not.toEqual(before);
}

describe('public read cache (embedded default)', () => {
  it('is fresh after every kind of write', async () => {
    const created = await send(cached, 'POST', `${store}/products/classic-tee/reviews`, makeReviewInput({ body: 'Soft and warm.' }));
    await expectFresh();
    await afterWrite(() => send(cached, 'POST', `${store}/products/classic-tee/reviews`, makeReviewInput({ rating: 2, body: 'Soft but thin.' })));
    // The author's own edit and delete, through their emailed links.
    const [editCreated, editSecond] = await editLinks();
    await afterWrite(() => send(cached, 'POST', editCreated!, { rating: 3, body: 'Soft and warm, until the first wash.' }));
    await afterWrite(() => send(cached, 'POST', `${editSecond!}/delete`));
    await afterWrite(() => send(cached, 'POST', `${store}/reviews/${created.id}/votes`, { value: 'helpful', voter: voterToken('a') }));
    await afterWrite(() => send(cached, 'PUT', `${admin}/reviews/${created.id}/reply`, { body: 'Thank you!' }, true));
    await afterWrite(() => send(cached, 'PUT', `${admin}/reviews/${created.id}/reply`, { body: 'Thank you, **really**.' }, true));
    await afterWrite(() => send(cached, 'DELETE', `${admin}/reviews/${created.id}/reply`, undefined, true));
    await afterWrite(() => send(cached, 'PATCH', `${admin}/reviews/${created.id}`, { status: 'rejected' }, true));
    await afterWrite(() => send(cached, 'PATCH', `${admin}/reviews/${created.id}`, { status: 'published' }, true));
    await afterWrite(() => send(cached, 'DELETE', `${admin}/reviews/${created.id}`, undefined, true));

    const question = await send(cached, 'POST', `${store}/products/classic-tee/questions`, { body: 'Does it shrink?', author: { name: 'Ann', email: 'ann@example.com' } });
    questionId = question.id;
    await afterWrite(() => send(cached, 'PATCH', `${admin}/questions/${questionId}`, { status: 'rejected' }, true));
    await afterWrite(() => send(cached, 'PATCH', `${admin}/questions/${questionId}`, { status: 'published' }, true));
    let answerId = '';
    await afterWrite(async () => {
      answerId = (await send(cached, 'POST', `${store}/questions/${questionId}/answers`, { body: 'Not for me.', author: { name: 'Bo', email: 'bo@example.com' } })).id;
      await send(cached, 'PATCH', `${admin}/answers/${answerId}`, { status: 'published' }, true);
    });
    await afterWrite(() => send(cached, 'POST', `${store}/answers/${answerId}/votes`, { voter: voterToken('b') }));
    await afterWrite(() => send(cached, 'PUT', `${admin}/questions/${questionId}/answer`, { body: 'Washed at 30 °C, no.' }, true));

    await afterWrite(() => send(cached, 'PUT', `${admin}/products/classic-tee`, { name: 'Classic Tee, organic' }, true));
    await afterWrite(() => send(cached, 'PATCH', admin, { name: 'Demo Outfitters' }, true), 'nothing');
    await afterWrite(() => send(cached, 'DELETE', `${admin}/authors/${encodeURIComponent('ann@example.com')}`, undefined, true));
    // An import: rows written in the background job's own transactions, not by a request's handler.
    await afterWrite(async () => {
      const csv = 'title,body,rating,review_date,curated,reviewer_name,product_id\nFrom before,Soft since 2023.,4,2023-02-01,ok,Ida,classic-tee\n';
      const res = await fetch(`${cached.url}${admin}/imports?kind=reviews&vendor=judgeme`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: csv });
      expect(res.status).toBe(202);
      const { job } = (await res.json()) as { job: { id: string } };
      await expect.poll(async () => (await send(cached, 'GET', `${admin}/imports/${job.id}`, undefined, true)).job.status).toBe('done');
    });
    // Another process writes (the CLI, an import): the cached server learns of it from the database alone.
    await afterWrite(() => send(plain, 'POST', `${store}/products/classic-tee/reviews`, makeReviewInput({ body: 'Soft, from elsewhere.' })));
  });

  it('stays fresh under interleaved writes and reads', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const roll = (i * 7919) % 10;
      if (roll < 3) ids.push((await send(i % 2 ? cached : plain, 'POST', `${store}/products/canvas-tote/reviews`, makeReviewInput({ rating: 1 + (i % 5) }))).id);
      else if (roll < 4 && ids.length) await send(cached, 'POST', `${store}/reviews/${ids[i % ids.length]}/votes`, { value: 'helpful', voter: voterToken(i) });
      else if (roll < 5 && ids.length) await send(cached, 'PATCH', `${admin}/reviews/${ids[i % ids.length]}`, { status: i % 2 ? 'rejected' : 'published' }, true);
      else {
        const path = [`${store}/products/canvas-tote/reviews`, `${store}/summaries?products=canvas-tote,classic-tee`, `${store}/products/canvas-tote/reviews?sort=helpful`][i % 3]!;
        const [a, b] = await Promise.all([read(cached, path), read(plain, path)]);
        expect(a.body, `read ${i}: ${path}`).toBe(b.body);
      }
    }
  });

  it("keeps a product's summaries cached through a helpful vote, which changes only its pages", async () => {
    const summary = `${store}/summaries?products=trail-mug,canvas-tote`;
    const page = `${store}/products/trail-mug/reviews`;
    const created = await send(cached, 'POST', page, makeReviewInput({ body: 'Keeps coffee hot.' }));
    for (const path of [summary, page]) await read(cached, path);
    expect((await read(cached, summary)).cache).toBe('hit');
    await send(cached, 'POST', `${store}/reviews/${created.id}/votes`, { value: 'helpful', voter: voterToken('mug') });
    const [afterSummary, afterPage] = [await read(cached, summary), await read(cached, page)];
    expect(afterSummary.cache).toBe('hit');
    expect(afterSummary.body).toBe((await read(plain, summary)).body);
    expect(afterPage.cache).toBe('miss');
    expect((JSON.parse(afterPage.body) as { reviews: Array<{ id: string; helpfulCount: number }> }).reviews.find((r) => r.id === created.id)?.helpfulCount).toBe(1);
    // A new review moves the statistics: the summary is read again.
    await send(cached, 'POST', page, makeReviewInput({ rating: 1 }));
    expect((await read(cached, summary)).cache).toBe('miss');
  });

  it('answers a conditional request with 304 and says how long browsers may keep the answer', async () => {
    const path = `${store}/products/trail-mug/reviews`;
    const first = await fetch(cached.url + path);
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    const again = await fetch(cached.url + path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await send(cached, 'POST', `${store}/products/trail-mug/reviews`, makeReviewInput());
    const changed = await fetch(cached.url + path, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers HEAD from a stored answer with its headers and no body', async () => {
    const path = `${store}/products/trail-mug/questions`;
    const get = await fetch(cached.url + path);
    const body = await get.text();
    const head = await fetch(cached.url + path, { method: 'HEAD' });
    expect(head.headers.get('x-cache')).toBe('hit');
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect(body.length).toBeGreaterThan(0);
  });

  it('keeps one representation per Accept-Encoding', async () => {
    const path = `${store}/products/classic-tee/reviews`;
    const gzip = () => fetch(cached.url + path, { headers: { 'accept-encoding': 'gzip' } });
    await (await gzip()).arrayBuffer();
    // fetch() decodes gzip itself but keeps the header that says it was.
    const zipped = await gzip();
    expect(zipped.headers.get('x-cache')).toBe('hit');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const identity = await fetch(cached.url + path, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await identity.text())).toEqual(JSON.parse(await zipped.text()));
  });

  it('sends a stored answer with its length, as one body rather than chunks', async () => {
    // What the socket carries, undecoded: fetch() would hide both the encoding and the framing.
    const raw = (path: string) =>
      new Promise<{ headers: IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
        httpGet(cached.url + path, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ headers: res.headers, bytes }));
        }).on('error', reject);
      });
    const path = `${store}/products/classic-tee/reviews?limit=5`;
    const miss = await raw(path);
    const hit = await raw(path);
    expect(hit.headers['x-cache']).toBe('hit');
    for (const sent of [miss, hit]) {
      expect(sent.headers['content-encoding']).toBe('gzip');
      expect(sent.headers['vary']).toMatch(/Accept-Encoding/);
      expect(sent.headers['transfer-encoding']).toBeUndefined();
      expect(Number(sent.headers['content-length'])).toBe(sent.bytes);
    }
    expect(hit.headers['etag']).toBe(miss.headers['etag']);

    // Under 1 KB, compression costs more than it saves: sent as it is, with its length.
    const small = await raw(`${store}/summaries?products=trail-mug`);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(Number(small.headers['content-length'])).toBe(small.bytes);
    expect(small.bytes).toBeLessThan(1024);
  });

  it('never keeps merchant answers, writes or failures', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${cached.url}${admin}/reviews`, { headers: { authorization: `Bearer ${key}` } });
      await res.arrayBuffer();
      expect(res.headers.get('x-cache')).toBeNull();
    }
    for (let i = 0; i < 2; i++) expect((await read(cached, `${store}/products/no-such-product/reviews`)).cache).not.toBe('hit');
    for (let i = 0; i < 2; i++) expect((await read(cached, '/v1/stores/no-such-store/summaries?products=a')).cache).not.toBe('hit');
  });
});

describe('cacheScopes', () => {
  const scopes = (path: string) => cacheScopes(new URL(`http://x${path}`));
  it('ties a product read to the store row and that product', () => {
    expect(scopes('/v1/stores/demo/products/classic-tee/reviews?sort=helpful')).toEqual({ storeId: 'demo', scopes: ['store', 'p:classic-tee'] });
    expect(scopes('/v1/stores/demo/products/a%3Ab/jsonld')).toEqual({ storeId: 'demo', scopes: ['store', 'p:a:b'] });
  });
  it("ties summaries to the statistics of each product they name, and anything else to every change in the store", () => {
    expect(scopes('/v1/stores/demo/summaries?products=a,b,a')).toEqual({ storeId: 'demo', scopes: ['store', 's:a', 's:b'] });
    expect(scopes('/v1/stores/demo/questions/qs_1')).toEqual({ storeId: 'demo', scopes: ['store', 'any'] });
  });
  it('never covers merchant routes, webhooks or pages', () => {
    expect(scopes('/v1/admin/stores/demo/reviews')).toBeUndefined();
    expect(scopes('/v1/stores/demo/webhooks/orders')).toBeUndefined();
    expect(scopes('/v1/stores/demo/feeds/google-product-reviews.xml?token=t')).toBeUndefined();
    expect(scopes('/demo')).toBeUndefined();
  });
});

describe('ByteLru', () => {
  it('drops the least recently used entries to stay within its byte budget', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    lru.get('a');
    lru.set('c', 'C', 40);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.bytes).toBe(80);
    lru.set('huge', 'H', 101);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.bytes).toBe(80);
  });

  it('keeps the same entries, in the same order, as a plain model of LRU under random use', () => {
    // The model: an array from least to most recently used, evicted from the front.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
    const lru = new ByteLru<number>(1_000);
    let model: Array<{ key: string; value: number; bytes: number }> = [];
    for (let step = 0; step < 5_000; step++) {
      const key = `k${random(60)}`;
      const op = random(10);
      if (op < 5) {
        const found = model.find((e) => e.key === key);
        if (found) model = [...model.filter((e) => e !== found), found];
        expect(lru.get(key), `step ${step}`).toBe(found?.value);
      } else if (op < 9) {
        const bytes = 1 + random(120);
        model = model.filter((e) => e.key !== key);
        model.push({ key, value: step, bytes });
        while (model.reduce((n, e) => n + e.bytes, 0) > 1_000) model.shift();
        lru.set(key, step, bytes);
      } else {
        model = model.filter((e) => e.key !== key);
        lru.delete(key);
      }
      expect([...lru.keys()], `step ${step}`).toEqual(model.map((e) => e.key));
      expect(lru.bytes).toBe(model.reduce((n, e) => n + e.bytes, 0));
      expect(lru.size).toBe(model.length);
    }
  });
});

describe('heldBody', () => {
  it("reads @hono/node-server's Response from the body it was made with, without a stream", async () => {
    const { getRequestListener } = await import('@hono/node-server');
    const { heldBody } = await import('../../../worker/http/node-front');
    // Installs node-server's Response in place of the global one, as the server does.
    getRequestListener(() => new Response(null));
    const res = new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    expect(heldBody(res)).toBe('{"ok":true}');
    const bytes = new TextEncoder().encode('<p>hi</p>');
    expect(heldBody(new Response(bytes))).toBe(bytes);
    // A body that streams is not held: it is compressed as a stream.
    expect(heldBody(new Response(new Blob(['x']).stream()))).toBeUndefined();
    // Still unread as a stream: had node-server changed how it keeps a body, this would say so.
    expect(Object.getOwnPropertySymbols(res).some((s) => s.description === 'cache')).toBe(true);
    expect(await res.text()).toBe('{"ok":true}');
  });
});
