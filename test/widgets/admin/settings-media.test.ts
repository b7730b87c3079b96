/**
 * The merchant sets the review media limits on the Settings page, in
 * Chromium, and the storefront's review form takes them from the public config.
 */
import { describe, expect, it } from 'vitest';
import { plainJpeg } from '../../fixtures/media';
import { openPage } from '../../helpers/browser';
import { arrange, dashboard, signIn, status, unexpected } from './dashboard';

const d = dashboard();
const MB = 1024 * 1024;

describe('Settings: photos and video', () => {
  it('saves the limits the merchant types, refuses one out of bounds, and the storefront form shows the new ones', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/settings' });
    const section = page.locator('verity-admin-settings form').filter({ has: page.getByRole('heading', { name: 'Photos and video' }) });
    await expect.poll(() => section.getByLabel('Photos per review').inputValue()).toBe('5');
    expect(await section.getByLabel('Photo size').inputValue()).toBe('10');
    expect(await section.getByLabel('Video length').inputValue()).toBe('60');

    await section.getByLabel('Photos per review').fill('2');
    await section.getByLabel('Photo size').fill('2.5');
    await section.getByLabel('Video length').fill('20');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Photos and video: saved');
    expect((await arrange(d.server, 'GET', '')).media).toEqual({ maxPhotos: 2, maxImageBytes: 2.5 * MB, maxImagePixels: 2048, maxVideoBytes: 50 * MB, maxVideoSeconds: 20 });

    // The browser's own check stops a value out of bounds before it is sent.
    await section.getByLabel('Photos per review').fill('11');
    await section.getByRole('button', { name: 'Save' }).click();
    expect(await section.getByLabel('Photos per review').evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
    expect((await arrange(d.server, 'GET', '')).media.maxPhotos).toBe(2);
    expect(unexpected(errors)).toEqual([]);
    await close();

    const shop = await openPage(d.browser, `${d.server.url}/demo`);
    await shop.page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
    const form = shop.page.locator('verity-review-form');
    // The form reads the store's limits when the first file is added: three photos, one past the new limit.
    await form.getByLabel('Photos or a video (optional)').setInputFiles(
      [40, 41, 42].map((w, i) => ({ name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(plainJpeg(w, 30)) })),
    );
    await expect.poll(() => form.locator('.media img').count()).toBe(2);
    await expect.poll(() => form.getByText('You can add up to 2 photos.').count()).toBe(1);
    expect(await form.locator('#media-hint').textContent()).toBe('Up to 2 photos and one video of up to 20 seconds: choose files, or drop them here.');
    expect(unexpected(shop.errors)).toEqual([]);
    await shop.close();
  });
});
