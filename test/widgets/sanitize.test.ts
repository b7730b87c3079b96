/**
 * Hostile review HTML in a real browser. The server escapes raw HTML in
 * Markdown; these tests also put hostile HTML straight into the database (as a
 * server bug or a tampered row would) to prove DOMPurify, the widgets' last
 * step before rendering, stops it on its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, and } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { insertReview, upsertReply } from '../../db/queries/reviews';
import { products } from '../../db/schema';
import { widgetsOut, type WidgetManifest } from '../../scripts/build-widgets';
import { demoStorefront, openPage, withDemoDb } from '../helpers/browser';

const demo = demoStorefront();

const payloads = [
  '<p>kept: <strong>bold</strong> and <a href="https://example.com/" rel="nofollow ugc noopener">a link</a></p>',
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">a javascript: link</a>',
  '<a href="jav&#x09;ascript:window.__xss = 4">an obfuscated link</a>',
  '<svg><script>window.__xss = 5</script></svg><svg onload="window.__xss = 6"></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 7"></style></mglyph></table></mtext></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror="window.__xss = 8">',
  '<iframe src="javascript:parent.__xss = 9"></iframe><object data="javascript:parent.__xss = 10"></object>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=11>"></noscript>',
  '<template><img src=x onerror="window.__xss = 12"></template><div style="background:url(javascript:window.__xss=13)">styled</div>',
  '<details open ontoggle="window.__xss = 14">d</details><input autofocus onfocus="window.__xss = 15">',
];

/** Bodies with more than text in them, each one way markup could do harm, as a server bug could send them. */
const markup = [
  { title: 'Case 1, link with a handler', bodyHtml: '<p>see <a href="https://example.com/guide" onclick="window.__xss = 30">the guide</a></p>' },
  { title: 'Case 2, image with a handler', bodyHtml: '<p><img src="https://example.invalid/a.png" alt="a mug" onerror="window.__xss = 31"></p>' },
  { title: 'Case 3, javascript URL', bodyHtml: '<p><a href="javascript:window.__xss = 32">click me</a></p>' },
  { title: 'Case 4, paragraph with a handler', bodyHtml: '<p onmouseover="window.__xss = 33" style="position:fixed;inset:0">hover me</p>' },
];

/** The build's chunks that carry DOMPurify (the global setup built the widgets the server serves). */
function purifyChunks(): string[] {
  const manifest = JSON.parse(readFileSync(join(widgetsOut, 'manifest.json'), 'utf8')) as WidgetManifest;
  return Object.entries(manifest.files)
    .filter(([name, f]) => name !== 'admin.js' && f.sources.some((s) => /node_modules[\\/]dompurify[\\/]/.test(s)))
    .map(([name]) => name);
}

beforeAll(async () => {
  const client = await openEmbedded(`file:${join(demo.server.dir, 'verity.db')}`);
  const db = createDb(client);
  const mug = (await db.select().from(products).where(and(eq(products.storeId, 'demo'), eq(products.externalId, 'trail-mug'))).get())!;
  const review = await insertReview(db, 'rv_hostile0000000000000000', {
    storeId: 'demo',
    productId: mug.id,
    rating: 3,
    title: '<img src=x onerror="window.__xss = 20">Hostile',
    body: 'hostile',
    bodyHtml: payloads.join('\n'),
    authorName: '<script>window.__xss = 21</script>',
    authorEmail: 'hostile@example.com',
    verified: false,
    orderId: null,
    status: 'published',
    locale: 'en',
    now: Date.now(),
  });
  await upsertReply(db, review.id, { body: 'reply', bodyHtml: payloads.join('\n') }, Date.now());
  client.close();
});

describe('hostile HTML in reviews', () => {
  it('executes nothing and keeps only allow-listed markup, even when the server sends it raw', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/products/trail-mug`);
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, void d.dismiss()));
    const hostile = page.locator('verity-reviews .review').filter({ hasText: 'Hostile' });
    await expect.poll(() => hostile.count()).toBe(1);
    // Markup waits for DOMPurify, showing the Markdown source as text until it arrives.
    await expect.poll(() => hostile.locator('.body a').count()).toBeGreaterThan(0);
    // Interact the way a shopper might: focus things, click every link.
    for (const link of await hostile.locator('a').all()) await link.click({ modifiers: ['Alt'] }).catch(() => undefined);
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    const found = await hostile.evaluate((li) => {
      const all = [...li.querySelectorAll('*')];
      return {
        forbidden: all.filter((e) => /^(script|svg|math|iframe|object|style|form|template|noscript|input|details)$/i.test(e.localName)).map((e) => e.localName),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
        badUrls: all.flatMap((e) => ['href', 'src', 'data'].map((n) => e.getAttribute(n)).filter((v): v is string => v !== null && !/^(https?:|mailto:)/i.test(v))),
        styled: all.filter((e) => e.hasAttribute('style') && !e.closest('[role="img"]')).length,
        title: li.querySelector('h3')?.textContent,
        author: li.querySelector('.meta span')?.textContent,
        links: [...li.querySelectorAll('.body a[href]')].map((a) => a.getAttribute('href')),
        bold: li.querySelector('.body strong')?.textContent,
      };
    });
    expect(found).toEqual({
      forbidden: [],
      handlers: [],
      badUrls: [],
      styled: 0,
      title: '<img src=x onerror="window.__xss = 20">Hostile',
      author: '<script>window.__xss = 21</script>',
      links: ['https://example.com/'],
      bold: 'bold',
    });
    // Chromium reports every on* attribute that DOMPurify's inert parse meets as refused by the page's CSP,
    // though such a parse runs nothing (see __xss above): the policy would have stopped them as well.
    expect(errors.filter((e) => !/^Executing inline event handler violates the following Content Security Policy/.test(e))).toEqual([]);
    await close();
  });

  it('shows hostile Markdown from the public API as text', async () => {
    const body = payloads.slice(1, 5).join('\n\n');
    const res = await fetch(`${demo.server.url}/v1/stores/demo/products/canvas-tote/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 4, title: 'Markdown attack', body, author: { name: 'M', email: 'm@example.com' } }),
    });
    expect(res.status).toBe(201);
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/products/canvas-tote`);
    const review = page.locator('verity-reviews .review').filter({ hasText: 'Markdown attack' });
    await expect.poll(() => review.count()).toBe(1);
    const text = await review.locator('.body').textContent();
    expect(text).toContain('<script>window.__xss = 1</script>');
    expect(text).toContain('<img src=x onerror="window.__xss = 2">');
    expect(await review.locator('.body img, .body script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await close();
  });

  it('puts every body with a link, an image or an attribute through DOMPurify, which takes out what could run', async () => {
    // Added now, not before all: their handlers' CSP reports would reach the other tests' pages.
    await withDemoDb(demo.server, async (db) => {
      const tote = (await db.select().from(products).where(and(eq(products.storeId, 'demo'), eq(products.externalId, 'canvas-tote'))).get())!;
      for (const [i, { title, bodyHtml }] of markup.entries()) {
        await insertReview(db, `rv_markup${i}00000000000000000`, {
          storeId: 'demo',
          productId: tote.id,
          rating: 4,
          title,
          body: `${title}, as Markdown`,
          bodyHtml,
          authorName: 'Marked Up',
          authorEmail: `markup${i}@example.com`,
          verified: false,
          orderId: null,
          status: 'published',
          locale: 'en',
          now: Date.now() - i,
        });
      }
    });
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo/products/canvas-tote`);
    const review = (title: string) => page.locator('verity-reviews .review').filter({ hasText: title }).locator('.body');
    await expect.poll(() => review('Case 1, link with a handler').locator('a').count()).toBe(1);
    await page.mouse.move(10, 10);
    for (const link of await page.locator('verity-reviews .review .body a').all()) await link.click({ modifiers: ['Alt'] }).catch(() => undefined);
    const attributes = (title: string, selector: string) =>
      review(title)
        .locator(selector)
        .evaluateAll((els) => els.map((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value]))));
    expect(await attributes('Case 1, link with a handler', 'a')).toEqual([{ href: 'https://example.com/guide' }]);
    expect(await attributes('Case 2, image with a handler', 'img')).toEqual([{ src: 'https://example.invalid/a.png', alt: 'a mug' }]);
    expect(await attributes('Case 3, javascript URL', 'a')).toEqual([{}]);
    expect(await review('Case 3, javascript URL').textContent()).toBe('click me');
    expect(await attributes('Case 4, paragraph with a handler', 'p')).toEqual([{}]);
    expect(await review('Case 4, paragraph with a handler').textContent()).toBe('hover me');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(requests.filter((u) => purifyChunks().some((c) => u.endsWith(`/widgets/${c}`)))).toHaveLength(1);
    expect(errors.filter((e) => !/^Executing inline event handler violates|^Failed to load resource/.test(e))).toEqual([]);
    await close();
  });

  it('does not download DOMPurify for a page whose reviews, replies and answers are text, emphasis and lists', async () => {
    expect(purifyChunks()).not.toEqual([]);
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    const reviews = page.locator('verity-reviews');
    await expect.poll(() => reviews.locator('.review').count()).toBe(5);
    await expect.poll(() => page.locator('verity-questions .body').count()).toBeGreaterThan(0);
    // The server's markup renders as it is: emphasis, a list, a reply.
    expect(await reviews.locator('.review .body strong').first().textContent()).toBe('ten times');
    expect(await reviews.locator('.review .body li').allTextContents()).toEqual(['navy', 'sage', 'oat']);
    expect(await reviews.locator('.reply em').first().textContent()).toBe('air-dry');
    expect(requests.filter((u) => u.includes('/widgets/'))).not.toEqual([]);
    expect(requests.filter((u) => purifyChunks().some((c) => u.endsWith(`/widgets/${c}`)))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
