/**
 * The Worker entry inside workerd (through Miniflare), reaching libSQL over
 * HTTP through the local Hrana endpoint: the production code path, minus
 * Cloudflare's network.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { recordOrder } from '../../db/queries/orders';
import { getStore } from '../../db/queries/stores';
import { createStore } from '../../worker/domain/store-keys';
import { addMember, createAdminUser } from '../../worker/domain/admin-accounts';
import { sql } from 'drizzle-orm';
import { buildWorker } from '../helpers/build-worker';
import { widgetHeaderRules } from '../../worker/http/widget-headers';

let dir: string;
let hrana: HranaServer;
/** Requests the Worker has sent to the database (Hrana pipelines): its round trips to Turso. */
let roundTrips = 0;
let mf: Miniflare;
let secretKey: string;
let bundle: string;
let buildDir: string;

/** The built Worker with its bindings, as a deployment sets them, plus these vars. */
function workerOptions(vars: Record<string, string>) {
  // Miniflare 5 takes a new options shape; the v4 one says the same in fewer words.
  return convertV4MiniflareOptions({
    modules: true,
    scriptPath: join(buildDir, 'index.js'),
    modulesRoot: buildDir,
    compatibilityDate: '2026-11-01',
    compatibilityFlags: ['nodejs_compat'],
    bindings: { LIBSQL_URL: hrana.url, PUBLIC_WRITES_PERIOD: '60', PUBLIC_URL: 'https://reviews.edge.example', ...vars },
    ratelimits: { PUBLIC_WRITES: { namespace_id: '1001', simple: { limit: 2, period: 60 } } },
    // As wrangler.toml's [assets]: the built widgets, with the header rules `_headers` holds.
    assets: {
      directory: join(process.cwd(), 'dist', 'public'),
      routerConfig: { has_user_worker: true },
      assetConfig: { headers: { version: 2, rules: Object.fromEntries(Object.entries(widgetHeaderRules()).map(([path, set]) => [path, { set }])) } },
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-workerd-'));
  const url = `file:${join(dir, 'worker.db')}`;
  const client = await openEmbedded(url);
  const db = createDb(client);
  await migrateDb(db);
  ({ keys: { secretKey } } = await createStore(db, { id: 'edge', name: 'Edge', allowedOrigins: ['https://edge.example'] }, Date.now()));
  await createStore(db, { id: 'other', name: 'Other' }, Date.now());
  await addMember(db, 'edge', await createAdminUser(db, { email: 'owner@edge.example', password: 'edge owner password' }, Date.now()), 'owner', { kind: 'system', id: 'test', label: 'test' }, Date.now());
  await upsertProducts(db, 'edge', [{ externalId: 'cap', name: 'Cap' }], Date.now());
  client.close();

  hrana = await startHranaServer({ url, onRequest: (req) => req.method === 'POST' && (roundTrips += 1) });
  const built = await buildWorker();
  buildDir = built.dir;
  bundle = readFileSync(built.script, 'utf8');
  mf = new Miniflare(workerOptions({ DEMO: 'on' }));
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await hrana?.close();
  rmSync(dir, { recursive: true, force: true });
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

const call = async (path: string, init: RequestInit & { ip?: string } = {}) => {
  const headers = new Headers(init.headers as HeadersInit | undefined);
  headers.set('cf-connecting-ip', init.ip ?? '198.51.100.10');
  const res = await mf.dispatchFetch(`https://reviews.edge.example${path}`, { ...init, headers } as never);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
};

const review = (ip: string) =>
  call('/v1/stores/edge/products/cap/reviews', {
    method: 'POST',
    ip,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rating: 4, body: 'Fits **well**', author: { name: 'A', email: 'a@example.com' } }),
  });

describe('the Worker in workerd', () => {
  it('answers /health with the schema the CLI migrated', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'reachable', schema: { current: true } });
  });

  it('writes a review over HTTP and the triggers move the summary', async () => {
    const res = await review('198.51.100.20');
    expect(res.status, res.text).toBe(201);
    const list = await call('/v1/stores/edge/products/cap/reviews');
    expect(list.body.summary).toMatchObject({ count: 1, average: 4 });
    expect(list.body.reviews[0].bodyHtml).toBe('<p>Fits <strong>well</strong></p>\n');
  });

  it('serves public reads from the Cache API, keyed by content versions, so the next write shows at once', async () => {
    const path = '/v1/stores/edge/products/cap/reviews';
    const first = await call(path);
    const second = await call(path);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.text).toBe(first.text);
    expect((await review('198.51.100.21')).status).toBe(201);
    const after = await call(path);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.body.summary.count).toBe(first.body.summary.count + 1);
  });

  it('remembers the store row between public reads, and a change to the store shows on the next read', async () => {
    const config = '/v1/stores/edge/config';
    const before = await call(config);
    expect(before.status).toBe(200);
    const accepting = before.body.acceptUnverified as boolean;
    // A miss whose store row this isolate remembers: the cache's version check is its one round trip.
    roundTrips = 0;
    expect((await call(`${config}?again=1`)).body.acceptUnverified).toBe(accepting);
    expect(roundTrips).toBe(1);
    const accept = async (value: boolean) => {
      const patched = await call('/v1/admin/stores/edge', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ acceptUnverified: value }),
      });
      expect(patched.status, patched.text).toBe(200);
    };
    await accept(!accepting);
    expect((await call(config)).body.acceptUnverified).toBe(!accepting);
    expect((await call(`${config}?again=2`)).body.acceptUnverified).toBe(!accepting);
    // A write, which the cache does not check, reads the row itself: it sees each change too.
    expect((await review('198.51.100.22')).status).toBe(accepting ? 403 : 201);
    await accept(accepting);
    expect((await call(`${config}?again=3`)).body.acceptUnverified).toBe(accepting);
    expect((await review('198.51.100.23')).status).toBe(accepting ? 201 : 403);
  });

  it('authenticates merchants by secret key, per store', async () => {
    const ok = await call('/v1/admin/stores/edge/reviews', { headers: { authorization: `Bearer ${secretKey}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.reviews.length).toBeGreaterThan(0);
    expect((await call('/v1/admin/stores/edge/reviews', { headers: { authorization: 'Bearer sk_wrong' } })).status).toBe(401);
    expect((await call('/v1/admin/stores/other/reviews', { headers: { authorization: `Bearer ${secretKey}` } })).status).toBe(403);
  });

  it('imports a windows-1252, semicolon-separated Judge.me file after answering (waitUntil), and streams the export', async () => {
    const auth = { authorization: `Bearer ${secretKey}` };
    const file = readFileSync(new URL('../fixtures/imports/judgeme-excel-de.csv', import.meta.url));
    const started = await call('/v1/admin/stores/edge/imports', { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: file });
    expect(started.status, started.text).toBe(202);
    let job = started.body.job;
    while (job.status === 'running') job = (await call(`/v1/admin/stores/edge/imports/${job.id}`, { headers: auth })).body.job;
    expect(job).toMatchObject({ status: 'done', vendor: 'judgeme', imported: 1, failed: 0 });
    const exported = await mf.dispatchFetch('https://reviews.edge.example/v1/admin/stores/edge/exports/reviews.csv', { headers: auth });
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await exported.text();
    expect(text).toContain('Jürgen Müller');
    expect(text).toContain('Größe passt, Stoff ist weich – 100 € wert');
  });

  it('signs a dashboard user in with a Secure session cookie (the public URL is https) that works on store routes', async () => {
    const login = await call('/v1/admin/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@edge.example', password: 'edge owner password' }) });
    expect(login.status, login.text).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^verity_session=[\w-]{43}; Max-Age=1209600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0]!;
    expect((await call('/v1/admin/stores/edge/reviews', { headers: { cookie } })).status).toBe(200);
    const unsafe = await call('/v1/admin/stores/edge', { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: '{"name":"Edge"}' });
    expect(unsafe.body.error.code).toBe('CSRF_FAILED');
    const ok = await call('/v1/admin/stores/edge', { method: 'PATCH', headers: { cookie, 'x-csrf-token': login.body.csrfToken, 'content-type': 'application/json' }, body: '{"name":"Edge"}' });
    expect(ok.status, ok.text).toBe(200);
    const shell = await mf.dispatchFetch('https://reviews.edge.example/admin');
    expect(await shell.text()).toContain('<verity-admin-app>');
    expect(shell.headers.get('content-security-policy')).toContain("style-src 'self';");
  });

  it('answers bad input with the one error shape', async () => {
    const res = await call('/v1/stores/edge/products/cap/reviews', {
      method: 'POST',
      ip: '198.51.100.30',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 9, body: 'x', author: { name: 'A', email: 'a@example.com' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('rating') });
  });

  it("limits public writes through Cloudflare's Rate Limiting binding, keyed on CF-Connecting-IP", async () => {
    // The binding's windows are aligned to the wall clock (Math.floor(now / period)): start well
    // inside a minute, or the window can roll over between the second and the third request.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
    expect((await review('203.0.113.99')).status).toBe(201);
    expect((await review('203.0.113.99')).status).toBe(201);
    const limited = await review('203.0.113.99');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await review('203.0.113.100')).status).toBe(201);
  });

  it('runs the scheduler from the Cron Trigger and keeps emails queued while no transport is bound', async () => {
    const client = await openEmbedded(`file:${join(dir, 'worker.db')}`);
    const db = createDb(client);
    const store = (await getStore(db, 'edge'))!;
    const day = 24 * 60 * 60 * 1000;
    await recordOrder(
      db,
      'edge',
      { externalId: 'o-cron', customerEmail: 'cron@example.com', customerName: 'Cron', orderedAt: Date.now() - 20 * day, fulfilledAt: Date.now() - 10 * day, cancelledAt: null, refunded: false, items: [{ externalId: 'cap', name: 'Cap' }], source: 'api' },
      store.settings,
      Date.now(),
    );
    const worker = await mf.getWorker();
    const result = await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    expect(result.outcome).toBe('ok');
    const rows = await db.all<{ status: string; lastError: string | null; text: string }>(
      sql`SELECT status, last_error AS lastError, text FROM outbox WHERE to_address = 'cron@example.com'`,
    );
    client.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'queued', lastError: expect.stringContaining('no email transport configured') });
    expect(rows[0]!.text).toContain('https://reviews.edge.example/r/');
  });

  it('bundles the HTTP libSQL client, not the embedded engine', () => {
    expect(bundle).toContain('pipeline');
    expect(bundle).not.toMatch(/libsql-js|@libsql\/linux|require\("libsql"\)/);
  });

  it('serves the widgets from static assets, cross-origin, with the entry cached briefly and chunks for a year', async () => {
    const entry = await mf.dispatchFetch('https://reviews.edge.example/widgets/verity.js');
    const source = await entry.text();
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toMatch(/javascript/);
    expect(entry.headers.get('access-control-allow-origin')).toBe('*');
    expect(entry.headers.get('cache-control')).toBe('public, max-age=300');
    const chunk = source.match(/"\.\/(c\/[\w.-]+\.js)"/)![1];
    const res = await mf.dispatchFetch(`https://reviews.edge.example/widgets/${chunk}`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the /demo storefront, which loads the widgets from its own origin', async () => {
    const res = await mf.dispatchFetch('https://reviews.edge.example/demo/collection');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('<script type="module" src="/widgets/verity.js"></script>');
    expect(text.match(/<verity-stars /g)).toHaveLength(3);
  });

  // Last: it reloads the Worker without DEMO, as a deployed wrangler.toml has it.
  it('serves no /demo unless DEMO is "on"', async () => {
    await mf.setOptions(workerOptions({}));
    for (const page of ['/demo', '/demo/collection']) {
      const res = await call(page);
      expect(res.status, page).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await call('/health')).status).toBe(200);
  });
});
