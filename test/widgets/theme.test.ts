/** Theming and single-page use: color-scheme, the theme attribute, custom properties, ::part(), attribute changes. */
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();

/** A bare page with the elements, as a light-only store would have it. */
const storePage = (head = '', attrs = '') => `<!doctype html><html lang="en"><head><link rel="icon" href="data:,">
<script type="module" src="/widgets/verity.js"></script>${head}</head>
<body><verity-stars store="demo" product="classic-tee" ${attrs}></verity-stars><verity-reviews store="demo" product="classic-tee" ${attrs}></verity-reviews></body></html>`;

async function open(html: string, colorScheme: 'light' | 'dark') {
  const watched = await openPage(demo.browser, 'about:blank', { colorScheme });
  // Served as if from the Verity server's origin, so the module and the API load as on a store's page.
  await watched.page.route(`${demo.server.url}/store-page`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await watched.page.goto(`${demo.server.url}/store-page`);
  await expect.poll(() => watched.page.locator('verity-reviews .review').count()).toBe(5);
  return watched;
}

const textColor = (page: import('playwright-core').Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).color);

describe('theming', () => {
  it('keeps light colours on a light-only page even when the shopper prefers dark', async () => {
    const { page, errors, close } = await open(storePage(), 'dark');
    expect(await textColor(page, 'verity-reviews .review h3')).toBe('rgb(31, 41, 55)');
    expect(errors).toEqual([]);
    await close();
  });

  it('follows prefers-color-scheme on a page that declares color-scheme: light dark, and theme="dark" forces dark', async () => {
    const dark = await open(storePage('<style>:root { color-scheme: light dark }</style>'), 'dark');
    expect(await textColor(dark.page, 'verity-reviews .review h3')).toBe('rgb(243, 244, 246)');
    await dark.close();
    const forced = await open(storePage('', 'theme="dark"'), 'light');
    expect(await textColor(forced.page, 'verity-reviews .review h3')).toBe('rgb(243, 244, 246)');
    await forced.close();
  });

  it('takes custom properties and ::part() rules from the store’s CSS', async () => {
    const css = `<style>
      verity-reviews { --verity-accent: rgb(200, 0, 0); --verity-star-color: rgb(0, 120, 0); --verity-radius: 0px; }
      verity-reviews::part(review) { padding-top: 33px; }
    </style>`;
    const { page, close } = await open(storePage(css), 'light');
    const write = page.locator('verity-reviews').getByRole('button', { name: 'Write a review' });
    expect(await write.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderTopLeftRadius])).toEqual(['rgb(200, 0, 0)', '0px']);
    expect(await textColor(page, 'verity-reviews .stars-fill')).toBe('rgb(0, 120, 0)');
    expect(await page.locator('verity-reviews .review').first().evaluate((el) => getComputedStyle(el).paddingTop)).toBe('33px');
    await close();
  });
});

describe('single-page storefronts', () => {
  it('reloads an element whose product attribute changes', async () => {
    const { page, errors, close } = await open(storePage(), 'light');
    await page.evaluate(() => document.querySelectorAll('verity-stars, verity-reviews').forEach((el) => el.setAttribute('product', 'trail-mug')));
    await expect.poll(() => page.locator('verity-reviews .review h3').allTextContents()).toEqual(['Chipped on arrival', 'Camp favourite']);
    await expect.poll(() => page.locator('verity-stars .count').textContent()).toBe('3.0 (2)');
    expect(errors).toEqual([]);
    await close();
  });
});
