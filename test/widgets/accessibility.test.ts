/** axe-core over the demo pages in light and dark, with the form open and showing errors. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, seriousViolations, startDemoServer, type DemoServer } from '../helpers/browser';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accessibility (axe-core: no serious or critical violations)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`product page in ${colorScheme}, with the review form open and showing its errors`, async () => {
      const { page, errors, close } = await openPage(browser, `${server.url}/demo`, { colorScheme });
      await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(5);
      await expect.poll(() => page.locator('verity-questions .question').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
      const form = page.locator('verity-review-form');
      await form.getByRole('button', { name: 'Submit review' }).click();
      await expect.poll(() => form.locator('.error').count()).toBe(4);
      await page.locator('verity-questions').getByRole('button', { name: 'Ask a question' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('collection page in Japanese', async () => {
    const { page, errors, close } = await openPage(browser, `${server.url}/demo/collection?locale=ja&theme=dark`);
    await expect.poll(() => page.locator('verity-stars .count').first().textContent()).toBe('3.6 (8)');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
