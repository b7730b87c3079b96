/** The embedded default as a new user runs it: a real server on loopback over a real database file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../worker/node';
import { makeReviewInput } from '../fixtures/reviews';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are what the tests assert
const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

/** A request through node:http, which (unlike fetch) shows the bytes and headers as sent. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer, agent?: Agent) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // The server may close before taking the whole body; that is the point of one test.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end(body);
  });
}

let dir: string;
let server: Awaited<ReturnType<typeof startNodeServer>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-node-'));
  server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, writesPerMinute: 5 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start (embedded default)', () => {
  it('answers /health with the schema version', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'reachable', schema: { current: true } });
  });

  it('creates the demo store and writes its keys to data/demo.json', async () => {
    const demo = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    expect(demo).toMatchObject({ store: 'demo', products: expect.arrayContaining(['classic-tee']) });
    expect(demo.secretKey).toMatch(/^sk_/);
    const reviews = await getJson(`${server.url}/v1/stores/demo/products/classic-tee/reviews`);
    expect(reviews.summary.count).toBeGreaterThan(0);
    expect(reviews.reviews.some((r: { reply: unknown }) => r.reply)).toBe(true);
    const admin = await fetch(`${server.url}/v1/admin/stores/demo/reviews`, { headers: { authorization: `Bearer ${demo.secretKey}` } });
    expect(admin.status).toBe(200);
  });

  it('creates a demo owner, saved in data/demo.json, who signs in to /admin over HTTP', async () => {
    const { admin } = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    expect(admin).toEqual({ email: 'owner@demo.example', password: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
    const login = await fetch(`${server.url}/v1/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { stores: unknown }).stores).toEqual([{ id: 'demo', name: 'Verity Demo Store', role: 'owner' }]);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${server.url}/v1/admin/stores/demo/reviews`, { headers: { cookie } })).status).toBe(200);
    const shell = await fetch(`${server.url}/admin`);
    expect(await shell.text()).toContain('<verity-admin-app>');
  });

  it('limits writes by socket address and ignores a spoofed X-Forwarded-For', async () => {
    const post = (i: number) =>
      fetch(`${server.url}/v1/stores/demo/products/trail-mug/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` },
        body: JSON.stringify(makeReviewInput()),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(i)).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('serves the OpenAPI document and the reference page', async () => {
    const doc = await getJson(`${server.url}/openapi.json`);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/stores/{store}/products/{product}/reviews', '/v1/admin/stores/{store}/reviews/moderate']));
    const page = await fetch(`${server.url}/docs`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/v1/stores/{store}/summaries');
  });

  it('compresses text for clients that accept gzip, and says it varies by Accept-Encoding', async () => {
    const manifest = JSON.parse((await raw('GET', '/widgets/manifest.json', {})).body.toString()) as { files: Record<string, { bytes: number }> };
    const [largest] = Object.entries(manifest.files).sort(([, a], [, b]) => b.bytes - a.bytes)[0]!;
    for (const path of ['/demo', `/widgets/${largest}`, '/v1/stores/demo/products/classic-tee/reviews', '/openapi.json']) {
      const zipped = await raw('GET', path, { 'accept-encoding': 'br;q=0.1, gzip' });
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.headers.vary, path).toMatch(/accept-encoding/i);
      const plain = await raw('GET', path, {});
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(gunzipSync(zipped.body).equals(plain.body), path).toBe(true);
      expect(zipped.body.length, path).toBeLessThan(plain.body.length);
    }
  });

  it('closes the connection after answering before the body was read, so the next request on it is not lost', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { secretKey } = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    try {
      const big = Buffer.alloc(2 * 1024 * 1024, 'a');
      for (let round = 0; round < 5; round++) {
        const headers = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json', 'content-length': String(big.length) };
        const refused = await raw('POST', '/v1/admin/stores/demo/orders/import', headers, big, agent);
        expect(refused.status).toBe(413);
        expect(refused.headers.connection).toBe('close');
        const next = await raw('GET', '/health', {}, undefined, agent);
        expect(next.status).toBe(200);
      }
      // A request whose body was read keeps its connection.
      const read = await raw('PATCH', '/v1/admin/stores/demo', { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' }, Buffer.from('{"name":"Demo"}'), agent);
      expect(read.status).toBe(200);
      expect(read.headers.connection).toBe('keep-alive');
    } finally {
      agent.destroy();
    }
  });

  it('reads a chunked body up to the limit and refuses one past it, without waiting for the rest', async () => {
    const { secretKey } = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    const chunked = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
    const read = await raw('PATCH', '/v1/admin/stores/demo', chunked, Buffer.from('{"name":"Demo"}'));
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body.toString()).name).toBe('Demo');
    // No length to refuse it by: read until past the 1 MB limit, then refused.
    const refused = await raw('POST', '/v1/admin/stores/demo/orders/import', chunked, Buffer.alloc(2 * 1024 * 1024, 'a'));
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.headers.connection).toBe('close');
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    const before = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    const second = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0 });
    try {
      const res = await getJson(`${second.url}/v1/stores/demo/products/trail-mug/reviews?limit=50`);
      expect(res.reviews.length).toBeGreaterThanOrEqual(7);
      expect(JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')).secretKey).toBe(before.secretKey);
    } finally {
      await second.close();
    }
  });
});
