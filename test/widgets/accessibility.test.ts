/** axe-core over the demo pages in light and dark, with the form open and showing errors and a report dialog open; and layout stability. */
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage, seriousViolations } from '../helpers/browser';

const demo = demoStorefront();


describe('accessibility (axe-core: no serious or critical violations)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`product page in ${colorScheme}, with the review form open and showing its errors, and a report dialog`, async () => {
      const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`, { colorScheme });
      await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(5);
      await expect.poll(() => page.locator('verity-questions .question').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
      const form = page.locator('verity-review-form');
      await form.getByRole('button', { name: 'Submit review' }).click();
      await expect.poll(() => form.locator('.error').count()).toBe(4);
      await page.locator('verity-questions').getByRole('button', { name: 'Ask a question' }).click();
      await page.locator('verity-reviews .review').first().getByRole('button', { name: 'Report', exact: true }).click();
      await expect.poll(() => page.locator('verity-reviews .report').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('collection page in Japanese', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection?locale=ja&theme=dark`);
    await expect.poll(() => page.locator('verity-stars .count').first().textContent()).toBe('3.6 (8)');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('nothing on the demo pages moves when the widgets and their data arrive (cumulative layout shift < 0.05)', async () => {
    for (const path of ['/demo', '/demo/collection', '/demo/products/trail-mug']) {
      const { page, close } = await openPage(demo.browser, `${demo.server.url}${path}`);
      await expect.poll(() => page.locator('verity-stars .count').first().textContent()).toMatch(/\(\d+\)/);
      if (path !== '/demo/collection') await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
      const shift = await page.evaluate(() => {
        let total = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (total += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
        return new Promise<number>((resolve) => setTimeout(() => resolve(total), 100));
      });
      expect(shift, path).toBeLessThan(0.05);
      await close();
    }
  });
});
