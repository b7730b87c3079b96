/** The embedded default as a new user runs it: a real server on loopback over a real database file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../worker/node';
import { makeReviewInput } from '../fixtures/reviews';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are what the tests assert
const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

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
