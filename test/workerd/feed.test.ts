/**
 * The Google product reviews feed from the Worker bundle inside workerd, with
 * libSQL over HTTP: the stream, the XML writer and the entity decoder must
 * run without Node's APIs, and the result must still pass the schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { insertReview } from '../../db/queries/reviews';
import { createStore } from '../../worker/domain/store-keys';
import { randomId } from '../../worker/lib/crypto';
import { renderMarkdown } from '../../worker/domain/markdown';
import { buildWorker } from '../helpers/build-worker';
import { googleFeedErrors } from '../helpers/xml-schema';

const REVIEWS = 1_203; // three batches, the last one short
let dir: string;
let buildDir: string;
let hrana: HranaServer;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-workerd-feed-'));
  const url = `file:${join(dir, 'feed.db')}`;
  const client = await openEmbedded(url);
  const db = createDb(client);
  await migrateDb(db);
  await createStore(db, { id: 'edge', name: 'Edge & "Sons"' }, Date.now());
  const [cap] = await upsertProducts(db, 'edge', [{ externalId: 'cap', name: 'Cap <wool>', url: 'https://edge.example/cap', gtin: '4006381333931' }], Date.now());
  for (let i = 0; i < REVIEWS; i++) {
    const body = `Warm **and** light, review ${i} ]]> </script> \u05e9\u05dc\u05d5\u05dd 😀`;
    await insertReview(db, randomId('rv'), {
      storeId: 'edge', productId: cap!.id, rating: 1 + (i % 5), title: i % 2 ? `Title ${i}` : null, body, bodyHtml: renderMarkdown(body),
      authorName: `Buyer ${i}`, authorEmail: `b${i}@example.com`, verified: i % 3 === 0, orderId: i % 3 === 0 ? `order-${i}` : null,
      status: i % 10 === 9 ? 'pending' : 'published', locale: null, now: 1_700_000_000_000 + i,
    });
  }
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
      bindings: { LIBSQL_URL: hrana.url, PUBLIC_WRITES_PERIOD: '60', PUBLIC_URL: 'https://reviews.edge.example' },
      ratelimits: { PUBLIC_WRITES: { namespace_id: '1001', simple: { limit: 2, period: 60 } } },
    }),
  );
}, 180_000);

afterAll(async () => {
  await mf?.dispose();
  await hrana?.close();
  rmSync(dir, { recursive: true, force: true });
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('GET …/feeds/google-product-reviews.xml on workerd', () => {
  it('streams every published review as a valid 2.4 feed, and answers 304 to its ETag', async () => {
    const path = 'https://reviews.edge.example/v1/stores/edge/feeds/google-product-reviews.xml';
    const res = await mf.dispatchFetch(path);
    const xml = await res.text();
    expect(res.status, xml.slice(0, 500)).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await googleFeedErrors(xml)).toEqual([]);
    expect(xml.split('</review>').length - 1).toBe(REVIEWS - Math.floor(REVIEWS / 10));
    expect(xml).toContain('<name>Edge &amp; &quot;Sons&quot;</name>');

    const cached = await mf.dispatchFetch(path, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(cached.status).toBe(304);
    await cached.text();
  });
});
