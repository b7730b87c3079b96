/** The pages still work under their Content-Security-Policy, in a real Chromium: nothing blocked, widgets rendered. */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { openEmbedded } from '../../../db/embedded';
import { getStore } from '../../../db/queries/stores';
import { signLink } from '../../../worker/domain/links';
import { demoStorefront } from '../../helpers/browser';

const demo = demoStorefront();
let linkSecret: string;

beforeAll(async () => {
  const client = await openEmbedded(`file:${join(demo.server.dir, 'verity.db')}`);
  linkSecret = (await getStore(createDb(client), 'demo'))!.linkSecret;
  client.close();
});

/** A page that records every CSP violation, as the browser reports it to scripts and to the console. */
async function openWatched(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  context.setDefaultTimeout(15_000);
  // Injected by the browser itself, not as a script of the page: the page's CSP does not apply to it.
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => /content security policy/i.test(m.text()) && console.push(m.text()));
  page.on('pageerror', (e) => console.push(e.message));
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.waitForLoadState('networkidle');
  const violations = async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...console];
  return { page, violations, close: () => context.close() };
}

const questionPath = async () => {
  const res = await fetch(`${demo.server.url}/v1/stores/demo/products/classic-tee/questions`);
  const { questions } = (await res.json()) as { questions: Array<{ url: string }> };
  return new URL(questions[0]!.url).pathname;
};

describe('pages under their Content-Security-Policy', () => {
  it('/demo renders its widgets, runs its toolbar, and reports no violation', async () => {
    const { page, violations, close } = await openWatched(demo.browser, `${demo.server.url}/demo`);
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('verity-questions').getByRole('button').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('verity-stars [role="img"]').count()).toBeGreaterThan(0);
    // The toolbar script is a file now: it still flips the elements' attributes.
    await page.getByLabel('Language').selectOption('de');
    await expect.poll(() => page.locator('verity-reviews').getAttribute('locale')).toBe('de');
    expect(new URL(page.url()).searchParams.get('locale')).toBe('de');
    expect(await violations()).toEqual([]);
    await close();
  });

  it('/demo/collection and /docs report no violation', async () => {
    for (const path of ['/demo/collection', '/docs']) {
      const { page, violations, close } = await openWatched(demo.browser, `${demo.server.url}${path}`);
      expect(await page.locator('h1').count(), path).toBeGreaterThan(0);
      expect(await violations(), path).toEqual([]);
      await close();
    }
  });

  it('the hosted review page upgrades to <verity-review-form> and reports no violation', async () => {
    const token = await signLink({ kind: 'review', store: 'demo', order: 'demo-order-2002', product: 'classic-tee', exp: Math.floor(Date.now() / 1000) + 3600 }, linkSecret);
    const { page, violations, close } = await openWatched(demo.browser, `${demo.server.url}/r/${token}`);
    await expect.poll(() => page.locator('verity-review-form').getByRole('radio', { name: '5 stars' }).count()).toBe(1);
    expect(await violations()).toEqual([]);
    await close();
  });

  it('a question page with its JSON-LD reports no violation, and its back link opens the product', async () => {
    const { page, violations, close } = await openWatched(demo.browser, `${demo.server.url}${await questionPath()}`);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
    expect(await violations()).toEqual([]);
    const opened = page.waitForResponse((r) => r.request().isNavigationRequest());
    await page.getByRole('link', { name: 'Back to Classic Organic Tee' }).click();
    expect((await opened).status()).toBe(200);
    expect(page.url()).toBe(`${demo.server.url}/demo/products/classic-tee`);
    await close();
  });

  it('a page cannot be framed', async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => /frame-ancestors/i.test(m.text()) && blocked.push(m.text()));
    await page.setContent(`<iframe src="${demo.server.url}/demo"></iframe>`);
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    await context.close();
  });
});
