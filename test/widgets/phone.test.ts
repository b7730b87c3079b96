/** The product page on a 390 px wide phone: usable histogram, touch-sized controls, translations that fit. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Every control a thumb can hit inside the Verity elements, with its size; a hidden radio or checkbox counts as its label. */
const controls = (page: Page) =>
  page.evaluate(() => {
    const found: Array<{ what: string; height: number; width: number }> = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el.closest('[aria-hidden="true"]')) continue;
        const toggle = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
        const target = toggle ? (el as HTMLInputElement).labels?.[0] : el.matches('button, select, input, textarea, a[href]') ? el : null;
        const host = (root as ShadowRoot).host;
        if (!target || !host) continue;
        const box = target.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        found.push({ what: `${host.tagName.toLowerCase()} ${target.tagName} ${target.textContent?.trim().slice(0, 30) || (el as HTMLInputElement).placeholder || (el as HTMLInputElement).name}`, height: Math.round(box.height), width: Math.round(box.width) });
      }
    };
    visit(document);
    return found;
  });

/** Placeholders wider than the box they are typed in. */
const clippedPlaceholders = (page: Page) =>
  page.evaluate(() => {
    const clipped: string[] = [];
    const ctx = document.createElement('canvas').getContext('2d')!;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (!(el instanceof HTMLInputElement) || !el.placeholder) continue;
        const style = getComputedStyle(el);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        // A search box also draws its clear button inside; leave room for it.
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (el.type === 'search' ? 16 : 0);
        if (ctx.measureText(el.placeholder).width > room) clipped.push(`${el.placeholder} (${Math.round(ctx.measureText(el.placeholder).width)} > ${Math.round(room)})`);
      }
    };
    visit(document);
    return clipped;
  });

describe('on a 390 px phone', () => {
  it('the histogram rows take the full width, so each bar is long enough to read', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`, phone);
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    const widths = await page.locator('verity-reviews').evaluate((host) => ({
      host: host.getBoundingClientRect().width,
      bars: [...host.shadowRoot!.querySelectorAll('.bar')].map((b) => b.getBoundingClientRect().width),
      tracks: [...host.shadowRoot!.querySelectorAll('.track')].map((t) => t.getBoundingClientRect().width),
    }));
    expect(widths.bars).toHaveLength(5);
    for (const w of widths.bars) expect(w).toBeGreaterThanOrEqual(widths.host * 0.95);
    for (const w of widths.tracks) expect(w).toBeGreaterThanOrEqual(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });

  it('every button and control is at least 44 px tall, with the form, a report and a question open', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`, phone);
    const reviews = page.locator('verity-reviews');
    await expect.poll(() => reviews.locator('.review').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('verity-questions .question').count()).toBe(1);
    await reviews.getByRole('button', { name: 'Write a review' }).click();
    await expect.poll(() => reviews.locator('verity-review-form').getByRole('radio').count()).toBe(5);
    await reviews.locator('.review').first().getByRole('button', { name: 'Report', exact: true }).click();
    await page.locator('verity-questions').getByRole('button', { name: 'Ask a question' }).click();
    const all = await controls(page);
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((c) => c.height < 44)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });

  for (const locale of ['de', 'fr', 'es', 'ja']) {
    it(`search placeholders fit their boxes in ${locale}`, async () => {
      const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo?locale=${locale}`, phone);
      await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('verity-questions .question').count()).toBe(1);
      await expect.poll(() => page.locator('verity-reviews h2').textContent()).not.toBe('Customer reviews');
      expect(await page.locator('verity-reviews input[type="search"], verity-questions input[type="search"]').count()).toBe(2);
      expect(await clippedPlaceholders(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
      await close();
    });
  }
});
