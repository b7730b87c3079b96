/**
 * The server-rendered reviews snippet in Chromium: what a shopper without
 * JavaScript reads on the demo product page, how <verity-reviews> takes it over
 * (no shift, one JSON-LD), and the JSON-LD the element adds where there is no
 * snippet.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStorefront, openPage, startStorefront } from '../helpers/browser';

const demo = demoStorefront();

/** The JSON-LD Products in the whole document, light DOM and head. */
const products = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => ({ fallback: s.hasAttribute('data-verity-jsonld'), inHead: s.parentElement === document.head, doc: JSON.parse(s.textContent ?? '{}') }))
      .filter((s) => s.doc['@type'] === 'Product'),
  );

/** Cumulative layout shift so far (buffered), as test/widgets/accessibility.test.ts measures it. */
const layoutShift = (page: Page) =>
  page.evaluate(() => {
    let total = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (total += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
    return new Promise<number>((resolve) => setTimeout(() => resolve(total), 100));
  });

describe('the demo product page with JavaScript off', () => {
  it('shows the summary and the first page of reviews from the server, with one Product JSON-LD', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/products/classic-tee`, { javaScriptEnabled: false });
    const snippet = page.locator('verity-reviews [data-verity-snippet]');
    expect(await snippet.isVisible()).toBe(true);
    expect(await snippet.getByRole('heading', { level: 2 }).textContent()).toBe('Customer reviews');
    expect(await snippet.locator('.verity-snippet-average').textContent()).toBe('3.6');
    expect(await snippet.textContent()).toContain('Based on 8 reviews');
    const reviews = snippet.locator('article');
    expect(await reviews.count()).toBe(5);
    expect(await reviews.first().isVisible()).toBe(true);
    expect(await reviews.first().getByRole('heading', { level: 3 }).textContent()).toBe('Softest tee I own');
    expect(await reviews.first().textContent()).toMatch(/5 out of 5 stars[\s\S]*Maya R\.[\s\S]*✓ Verified buyer[\s\S]*ten times[\s\S]*Reply from the store/);
    expect(await reviews.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const ld = await products(page);
    expect(ld).toHaveLength(1);
    expect(ld[0]!.doc).toMatchObject({ name: 'Classic Organic Tee', aggregateRating: { reviewCount: 8 } });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('<verity-reviews> around the snippet', () => {
  for (const viewport of [{ width: 1100, height: 900 }, { width: 390, height: 844 }]) {
    it(`keeps the snippet until its data arrives, then takes its place without moving what follows (${viewport.width} px)`, async () => {
      const context = await demo.browser.newContext({ viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      // Hold the element's first request, to see the page as it is before the takeover.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/v1/stores/demo/products/trail-mug/reviews?*', async (route: Route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${demo.server.url}/demo/products/trail-mug`);
      await expect.poll(() => page.locator('verity-reviews').evaluate((el) => Boolean(el.shadowRoot?.querySelector('slot')))).toBe(true);
      const snippet = page.locator('verity-reviews [data-verity-snippet]');
      expect(await snippet.isVisible()).toBe(true);
      // Bring the end of the reviews into view, so a shift of what follows would count.
      const below = page.locator('section[aria-label="Questions and answers"]');
      await below.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2));
      const before = await below.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(await products(page)).toHaveLength(1);

      release();
      await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(2);
      expect(await snippet.isVisible()).toBe(false);
      // Its words are in the page once: the element's.
      expect(await page.locator('verity-reviews h2').count()).toBe(1);
      expect(await page.getByText('Chipped on arrival').count()).toBe(1);
      const after = await below.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(Math.abs(after - before)).toBeLessThan(2);
      expect(await layoutShift(page)).toBeLessThan(0.05);
      // The snippet's JSON-LD stays the only one: the element adds none of its own.
      const ld = await products(page);
      expect(ld).toHaveLength(1);
      expect(ld[0]!.fallback).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('<verity-reviews> without a snippet', () => {
  let shop: Awaited<ReturnType<typeof startStorefront>>;
  beforeAll(async () => {
    shop = await startStorefront(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A store that renders nothing on its server</title>
<script type="module" src="${demo.server.url}/widgets/verity.js"></script></head>
<body><main><verity-reviews id="a" store="demo" product="classic-tee"></verity-reviews>
<verity-reviews id="b" store="demo" product="canvas-tote" structured-data="off"></verity-reviews></main></body></html>`);
  });
  afterAll(() => shop?.close());

  it('adds the Product JSON-LD to the head once, follows the product and its rating, and takes it away with the element', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, shop.url);
    await expect.poll(async () => (await products(page)).length).toBe(1);
    let [ld] = await products(page);
    expect(ld).toMatchObject({ fallback: true, inHead: true, doc: { name: 'Classic Organic Tee', aggregateRating: { reviewCount: 8 } } });
    // The element with structured-data="off" added none, and never asked for it.
    expect(requests.some((url) => url.includes('/products/canvas-tote/jsonld'))).toBe(false);

    // Another product: the same script, now about it.
    await page.locator('verity-reviews#a').evaluate((el) => el.setAttribute('product', 'trail-mug'));
    await expect.poll(async () => (await products(page))[0]?.doc.name).toBe('Enamel Trail Mug');
    expect(await products(page)).toHaveLength(1);
    expect((await products(page))[0]!.doc.aggregateRating.reviewCount).toBe(2);

    // A review is published; the element's next load sees the new count and the script follows.
    const res = await fetch(`${demo.server.url}/v1/stores/demo/products/trail-mug/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, title: 'Tough', body: 'Survived the Alps.', author: { name: 'Io', email: 'io@example.com' } }),
    });
    expect(((await res.json()) as { status: string }).status).toBe('published');
    await page.locator('verity-reviews#a').getByRole('button', { name: /Show 5-star reviews/ }).click();
    await expect.poll(async () => (await products(page))[0]?.doc.aggregateRating.reviewCount).toBe(3);
    expect(await products(page)).toHaveLength(1);

    await page.locator('verity-reviews#a').evaluate((el) => el.remove());
    await expect.poll(async () => (await products(page)).length).toBe(0);
    expect(await page.locator('script[data-verity-jsonld]').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
