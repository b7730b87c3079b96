/** robots.txt and each store's sitemap index, on Verity's one public origin. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, PUBLIC_URL, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('GET /robots.txt', () => {
  it('lets crawlers read question pages and the public API, keeps them off link pages, and lists every store’s sitemap index', async () => {
    const res = await h.app.request('http://evil.example/robots.txt', { headers: { host: 'evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const line of ['User-agent: *', 'Allow: /q/', 'Allow: /v1/stores/', 'Disallow: /r/', 'Disallow: /a/', 'Disallow: /accept/', 'Disallow: /u/', 'Disallow: /v1/admin/']) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toContain(`Sitemap: ${PUBLIC_URL}/sitemaps/store-a.xml\nSitemap: ${PUBLIC_URL}/sitemaps/store-b.xml`);
    expect(text).not.toContain('evil.example');
  });

  it('allows /demo only when the demo is served', async () => {
    expect((await h.call('GET', '/robots.txt')).text).toContain('Allow: /demo');
    const off = await createHarness({ demo: false });
    try {
      expect((await off.call('GET', '/robots.txt')).text).not.toContain('/demo');
    } finally {
      off.close();
    }
  });
});

describe('GET /sitemaps/:store.xml', () => {
  it("indexes the store's question sitemap, which lists its published questions", async () => {
    const q = (await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Roomy?', author: { name: 'A', email: 'a@example.com' } } })).body.id;
    const index = await h.call('GET', '/sitemaps/store-a.xml');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(index.text).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const loc = /<sitemap><loc>([^<]+)<\/loc><\/sitemap>/.exec(index.text)![1]!;
    expect(loc).toBe(`${PUBLIC_URL}/q/store-a/sitemap.xml`);
    expect((await h.call('GET', new URL(loc).pathname)).text).toContain(`/q/store-a/${q}</loc>`);
  });

  it('is NOT_FOUND for a store that does not exist', async () => {
    const res = await h.call('GET', '/sitemaps/nope.xml');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
