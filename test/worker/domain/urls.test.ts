/**
 * Every URL that leaves Verity is built on its one configured public origin,
 * never on the request's Host: a forged Host must not change what is sent to
 * others (emails to past buyers, canonical URLs, sitemaps).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../db/queries/orders';
import { getStore } from '../../../db/queries/stores';
import { readNodeConfig, startNodeServer } from '../../../worker/node';
import { createHarness, PUBLIC_URL, type Harness } from '../../helpers/harness';

const DAY = 24 * 60 * 60 * 1000;
const urlsIn = (text: string) => text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];

describe('links and canonical URLs under a forged Host (app)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const store = (await getStore(h.db, 'store-a'))!;
    await recordOrder(
      h.db,
      'store-a',
      { externalId: 'o-1', customerEmail: 'owner@example.com', customerName: 'Owner', orderedAt: h.clock.now - 3 * DAY, fulfilledAt: h.clock.now - DAY, cancelledAt: null, refunded: false, items: [{ externalId: 'tee', name: 'Tee' }], source: 'api' },
      store.settings,
      h.clock.now,
    );
  });
  afterAll(() => h.close());

  const forged = (path: string, init: RequestInit = {}) =>
    h.app.request(`http://evil.example${path}`, { ...init, headers: { host: 'evil.example', 'x-test-client': '203.0.113.5', ...init.headers } });

  it('queues emails to past buyers whose links point at the public origin', async () => {
    const res = await forged('/v1/stores/store-a/products/tee/questions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Does it shrink?', author: { name: 'Asker', email: 'asker@example.com' } }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const shown = (await (await forged(`/v1/stores/store-a/questions/${id}`)).json()) as { url: string };
    expect(shown.url).toBe(`${PUBLIC_URL}/q/store-a/${id}`);
    const queued = await h.client.execute('SELECT to_address, text, html, headers FROM outbox');
    expect(queued.rows.map((r) => r.to_address)).toContain('owner@example.com');
    const all = queued.rows.map((r) => `${r.text} ${r.html} ${r.headers}`).join(' ');
    expect(all).not.toContain('evil.example');
    const links = urlsIn(all).filter((u) => /\/(a|u|q|accept)\//.test(u));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${PUBLIC_URL}/`), link).toBe(true);
  });

  it('publishes question pages and the sitemap on the public origin', async () => {
    const q = (await h.client.execute('SELECT id FROM questions')).rows[0]!.id as string;
    const page = await (await forged(`/q/store-a/${q}`)).text();
    expect(page).toContain(`<link rel="canonical" href="${PUBLIC_URL}/q/store-a/${q}">`);
    expect(page).not.toContain('evil.example');
    const sitemap = await (await forged('/q/store-a/sitemap.xml')).text();
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/q/store-a/${q}</loc>`);
    expect(sitemap).not.toContain('evil.example');
  });
});

describe('the embedded default without PUBLIC_URL', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startNodeServer>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verity-origin-'));
    server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, schedulerIntervalSeconds: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw request, because fetch() will not send a Host of our choosing. */
  const rawPost = (path: string, body: unknown, host: string) =>
    new Promise<number>((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = request(`${server.url}${path}`, { method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(data);
    });

  it('links to the address it listens on, whatever Host a request names, and the CLI scheduler agrees', async () => {
    const demo = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    expect(demo.baseUrl).toBe(server.url);
    // A past buyer of the product, so the question is emailed to someone.
    const order = { id: 'o-77', customer: { email: 'buyer77@example.com', name: 'B' }, createdAt: '2026-11-20T10:00:00Z', fulfilledAt: '2026-11-22T10:00:00Z', items: [{ productId: 'canvas-tote', name: 'Tote' }] };
    const imported = await fetch(`${server.url}/v1/admin/stores/demo/orders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([order]),
    });
    expect(imported.status, await imported.text()).toBeLessThan(300);
    const status = await rawPost('/v1/stores/demo/products/canvas-tote/questions', { body: 'Is the strap long?', author: { name: 'Asker', email: 'asker@example.com' } }, 'evil.example');
    expect(status).toBe(201);

    // The operator runs the scheduler from the CLI without repeating the server's PORT.
    const env = { ...process.env, VERITY_DATA_DIR: dir, PORT: '', PUBLIC_URL: '' };
    const now = new Date(Date.now() + 30 * DAY).toISOString();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'worker/cli.ts', 'scheduler', 'run', '--now', now], { env });

    const files = readdirSync(join(dir, 'outbox'));
    expect(files.length).toBeGreaterThan(0);
    const mail = files.map((f) => readFileSync(join(dir, 'outbox', f), 'utf8')).join('\n');
    expect(mail).not.toContain('evil.example');
    const links = urlsIn(mail.replace(/=\r?\n/g, '')).filter((u) => /\/(a|u|r|q|accept)\//.test(u));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${server.url}/`), link).toBe(true);

    const db = createClient({ url: `file:${join(dir, 'verity.db')}` });
    try {
      expect((await db.execute("SELECT value FROM settings WHERE key = 'public_url'")).rows[0]!.value).toBe(server.url);
    } finally {
      db.close();
    }
  });
});
