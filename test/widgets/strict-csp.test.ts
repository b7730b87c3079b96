/**
 * The elements on a storefront whose Content-Security-Policy allows no inline
 * styles (`style-src 'self'`, as /admin has and careful merchants do): nothing
 * is blocked, and every width, fill and reserved room still applies. The shop
 * is a loopback server of its own that proxies /widgets and /v1 to Verity, so
 * verity.js and its requests are 'self' there, as on a store that does the same.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStorefront } from '../helpers/browser';

const demo = demoStorefront();

const CSP = "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:";

const page = (inside = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A careful shop</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/shop.css"><script type="module" src="/widgets/verity.js"></script></head>
<body><h1>Classic tee</h1>
<verity-stars store="demo" product="classic-tee"></verity-stars>
<verity-reviews id="reviews" store="demo" product="classic-tee">${inside}</verity-reviews>
<verity-questions store="demo" product="classic-tee"></verity-questions>
</body></html>`;

/**
 * The shop's own stylesheet: its rule for the room of <verity-questions> (the README's selector, another
 * value) must win over the one verity.js reserves, and a tall stand-in for the server snippet (whose
 * own `<style>` such a CSP blocks) lets the element's takeover show that it keeps the snippet's height.
 */
const shopCss = 'verity-questions:not(:defined){min-height:20rem} .stand-in{height:120rem}';

const pages: Record<string, { type: string; body: string }> = {
  '/': { type: 'text/html; charset=utf-8', body: page() },
  '/with-snippet': { type: 'text/html; charset=utf-8', body: page('<div data-verity-snippet class="stand-in">Reviews</div>') },
  '/shop.css': { type: 'text/css', body: shopCss },
};

let shop: Server;
let shopUrl: string;

beforeAll(async () => {
  shop = createServer((req, res) => {
    const own = pages[req.url!];
    if (own) return res.writeHead(200, { 'content-type': own.type, 'content-security-policy': CSP }).end(own.body);
    const target = new URL(req.url!, demo.server.url);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;

  // An average of exactly 4.0 (7 reviews: 5 5 5 4 4 3 2): take the demo's one-star review down.
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${demo.server.url}/v1/admin/stores/demo${path}`, {
      ...init,
      headers: { authorization: `Bearer ${demo.server.secretKey}`, 'content-type': 'application/json' },
    }).then(async (res) => {
      expect(res.ok, await res.clone().text()).toBe(true);
      return res.json() as Promise<any>;
    });
  const { reviews } = await admin('/reviews?product=classic-tee&limit=50');
  const oneStar = reviews.find((r: { rating: number }) => r.rating === 1);
  await admin(`/reviews/${oneStar.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'rejected' }) });
});
afterAll(() => new Promise<void>((resolve) => shop.close(() => resolve())));

/** A page that records every CSP violation, as the browser reports it to scripts and to the console. */
async function openWatched(path: string, before?: (page: Page) => Promise<unknown>) {
  const context = await demo.browser.newContext({ viewport: { width: 1100, height: 900 } });
  context.setDefaultTimeout(15_000);
  // Injected by the browser itself, not as a script of the page: the page's CSP does not apply to it.
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (m) => /content security policy/i.test(m.text()) && logged.push(m.text()));
  page.on('pageerror', (e) => logged.push(e.message));
  await before?.(page);
  const response = await page.goto(`${shopUrl}${path}`);
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  const violations = async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...logged];
  return { page, violations, close: () => context.close() };
}

/** The width of each matching element over the width of its parent. */
const fractions = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width));

describe('the elements under a strict Content-Security-Policy', () => {
  it('reserve their room before their code arrives, and the shop’s own rule for it wins', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { page, violations, close } = await openWatched('/', (p) =>
      p.route(/\/widgets\/c\/verity-(reviews|questions)-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      }),
    );
    // verity.js has run (it defines the badge), the other two chunks are held back.
    await expect.poll(() => page.evaluate(() => !!customElements.get('verity-stars'))).toBe(true);
    const room = await page.evaluate(() =>
      ['verity-reviews', 'verity-questions'].map((tag) => [!!customElements.get(tag), document.querySelector(tag)!.getBoundingClientRect().height]),
    );
    // 48rem reserved by verity.js; 20rem from the shop's stylesheet over verity.js's 14rem.
    expect(room).toEqual([
      [false, 768],
      [false, 320],
    ]);
    release();
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    await close();
  });

  it('draw star fills and histogram bars to their values, open the form and show Q&A, with no violation', async () => {
    const { page, violations, close } = await openWatched('/');
    await expect.poll(() => page.locator('verity-stars .count').textContent()).toBe('4.0 (7)');
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(5);
    await expect.poll(() => page.locator('verity-questions').getByRole('button').count()).toBeGreaterThan(0);

    // A 4.0 average fills 80 % of the stars, in the badge and in the summary.
    for (const selector of ['verity-stars .stars-fill', 'verity-reviews .summary .stars-fill'])
      expect((await fractions(page, selector))[0], selector).toBeCloseTo(0.8, 2);
    // Each review's stars are filled to its rating.
    const ratings = await page.locator('verity-reviews .review [role="img"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-label')!.split(' ')[0])));
    expect((await fractions(page, 'verity-reviews .review .stars-fill')).map((f) => Math.round(f * 5 * 100) / 100)).toEqual(ratings);
    // Bars for 5 … 1 stars: 3, 2, 1, 1 and 0 of 7.
    const bars = await fractions(page, 'verity-reviews .bars .fill');
    [3 / 7, 2 / 7, 1 / 7, 1 / 7, 0].forEach((want, i) => expect(bars[i], `bar ${5 - i}`).toBeCloseTo(want, 2));

    // The form, its star picker and its Markdown preview.
    await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).first().click();
    const form = page.locator('verity-review-form');
    await form.locator('label[for="star-4"]').click();
    expect(await form.locator('input[name="rating"]:checked').inputValue()).toBe('4');
    await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('Holds its **shape**');
    await expect.poll(() => form.locator('.preview strong').textContent()).toBe('shape');

    expect(await violations()).toEqual([]);
    await close();
  });

  it('keeps a server snippet’s height when <verity-reviews> takes its place, with no violation', async () => {
    const { page, violations, close } = await openWatched('/with-snippet');
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(5);
    expect(await page.locator('verity-reviews section[part="base"]').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(1920);
    expect(await violations()).toEqual([]);
    await close();
  });
});
