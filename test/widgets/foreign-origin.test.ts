/**
 * The snippet pasted into a store's page on an origin Verity has never heard
 * of: reviews show at once (reads are public), writes are refused readably.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();
let shop: Server;
let shopUrl: string;

beforeAll(async () => {
  shop = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Someone's shop</title>
<script type="module" src="${demo.server.url}/widgets/verity.js"></script></head>
<body><h1>Classic tee</h1>
<verity-stars store="demo" product="classic-tee"></verity-stars>
<verity-reviews store="demo" product="classic-tee"></verity-reviews>
</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => shop.close(() => resolve())));

describe('the snippet on a new storefront origin', () => {
  it('shows reviews before any configuration, and a write from there is refused with a reason the page can read', async () => {
    expect(new URL(shopUrl).origin).not.toBe(new URL(demo.server.url).origin);
    const { page, close } = await openPage(demo.browser, shopUrl);
    await expect.poll(() => page.locator('verity-stars .count').textContent()).toBe('3.6 (8)');
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    expect(await page.locator('verity-reviews .average').textContent()).toBe('3.6');

    const refused = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/v1/stores/demo/products/classic-tee/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 5, body: 'From a shop Verity does not know', author: { name: 'Sam', email: 'sam@example.com' } }),
      });
      return { status: res.status, body: (await res.json()) as { error: unknown } };
    }, demo.server.url);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', details: { origin: shopUrl } });
    await close();
  });
});
