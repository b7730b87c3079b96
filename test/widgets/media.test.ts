/**
 * Photos in reviews, as a shopper and a merchant meet them in Chromium: the
 * form re-encodes and uploads two photos (one carrying GPS coordinates), the
 * review shows them, the lightbox works by keyboard, what is served has no
 * location, <verity-gallery> loads when scrolled to, and a photo the merchant
 * hides in the dashboard disappears from the storefront.
 */
import { mkdirSync } from 'node:fs';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jpegWithGps, plainJpeg, SECRET_MARK, webpChunks } from '../fixtures/media';
import { openPage, screenshotPath, seriousViolations } from '../helpers/browser';
import { dashboard, signIn, unexpected } from './admin/dashboard';

const d = dashboard();
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The focused element through shadow roots, as `TAG accessible text`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.querySelector('img')?.alt ?? el.textContent?.trim()}` : '';
  });

async function publicApi(path: string) {
  const res = await fetch(`${d.server.url}/v1/stores/demo${path}`);
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json() as Promise<any>;
}

interface ServedMedia {
  id: string;
  url: string;
  width: number;
  height: number;
  contentType: string;
}
const reviewWithPhotos = async (): Promise<{ id: string; media: ServedMedia[] }> =>
  (await publicApi('/products/classic-tee/reviews?media=true')).reviews.find((r: { title: string }) => r.title === 'Photos from the beach');

const absolute = (url: string) => new URL(url, d.server.url).href;

describe('photos in reviews', () => {
  it('the form re-encodes and uploads two photos with previews, and the published review shows them without GPS', async () => {
    const { page, errors, close } = await openPage(d.browser, `${d.server.url}/demo`);
    await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
    const form = page.locator('verity-review-form');
    // 2,400 × 1,200 with GPS, EXIF, XMP and a comment; the second is a small plain one.
    const beach = Buffer.from(jpegWithGps(2400, 1200));
    expect((await exifr.gps(beach))?.latitude).toBeCloseTo(48.8584, 3);
    await form.getByLabel('Photos or a video (optional)').setInputFiles([
      { name: 'beach.jpg', mimeType: 'image/jpeg', buffer: beach },
      { name: 'label.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(plainJpeg(40, 30)) },
    ]);
    await expect.poll(() => form.locator('.media img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).alt))).toEqual(['Photo 1', 'Photo 2']);
    await expect.poll(() => form.locator('.media .hint').allTextContents()).toEqual(['Photo 1 added', 'Photo 2 added']);
    await form.locator('label[for="star-5"]').click();
    await form.getByRole('textbox', { name: 'Title (optional)' }).fill('Photos from the beach');
    await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('The colour holds up in full sun.');
    await form.getByRole('textbox', { name: 'Name shown with your review' }).fill('Ines');
    await form.getByRole('textbox', { name: 'Email (never shown)' }).fill('ines@example.com');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');

    const review = page.locator('verity-reviews .review').filter({ hasText: 'Photos from the beach' });
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(2);
    expect(await review.getByRole('button', { name: 'Photo 1 of 2 from Ines’s review' }).count()).toBe(1);

    const { media } = await reviewWithPhotos();
    expect(media).toHaveLength(2);
    // Re-encoded in the browser: the longest side bounded to 2,048 px, WebP (Chromium writes it).
    expect(media.map((m) => `${m.width}×${m.height} ${m.contentType}`).sort()).toEqual(['2048×1024 image/webp', '40×30 image/webp']);
    for (const m of media) {
      const res = await fetch(absolute(m.url));
      expect(res.headers.get('content-type')).toBe('image/webp');
      const bytes = Buffer.from(await res.arrayBuffer());
      // exifr reads no WebP: the chunk list shows there is no EXIF or XMP chunk, and the GPS photo's mark is nowhere.
      expect(webpChunks(bytes).filter((c) => c === 'EXIF' || c === 'XMP ')).toEqual([]);
      expect(webpChunks(bytes).some((c) => c === 'VP8 ' || c === 'VP8L')).toBe(true);
      expect(bytes.includes(SECRET_MARK)).toBe(false);
    }
    expect(errors).toEqual([]);
    await close();
  });

  it('the lightbox opens from a thumbnail by keyboard, steps with the arrows, keeps Tab inside, closes with Escape and gives focus back', async () => {
    const { page, errors, close } = await openPage(d.browser, `${d.server.url}/demo`);
    const reviews = page.locator('verity-reviews');
    const first = reviews.getByRole('button', { name: 'Photo 1 of 2 from Ines’s review' });
    await first.focus();
    await page.keyboard.press('Enter');
    const dialog = reviews.getByRole('dialog');
    await expect.poll(() => dialog.getAttribute('aria-label')).toBe('Photo viewer: Photo 1 of 2 from Ines’s review');
    expect(await dialog.locator('img').getAttribute('alt')).toBe('Photo 1 of 2 from Ines’s review');
    expect(await focused(page)).toBe('BUTTON Close');
    await page.keyboard.press('ArrowRight');
    expect(await dialog.locator('img').getAttribute('alt')).toBe('Photo 2 of 2 from Ines’s review');
    expect(await dialog.getByText('2 of 2', { exact: true }).count()).toBe(1);
    // Tab goes round the dialog's own buttons (Previous, Next, Close), never to the page behind.
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      seen.add(await focused(page));
    }
    expect([...seen].sort()).toEqual(['BUTTON Close', 'BUTTON Next →', 'BUTTON ← Previous']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(page)).toBe('BUTTON Photo 1 of 2 from Ines’s review');
    expect(errors).toEqual([]);
    await close();
  });

  it('"With photos" shows only reviews with media, and a product without any loads no media code and offers no such filter', async () => {
    const { page, errors, requests, close } = await openPage(d.browser, `${d.server.url}/demo`);
    const reviews = page.locator('verity-reviews');
    await reviews.getByLabel('With photos').check();
    await expect.poll(() => reviews.locator('.review h3').allTextContents()).toEqual(['Photos from the beach']);
    await reviews.getByLabel('With photos').uncheck();
    await expect.poll(() => reviews.locator('.review').count()).toBe(5);
    await close();

    const mug = await openPage(d.browser, `${d.server.url}/demo/products/trail-mug`);
    await expect.poll(() => mug.page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    expect(await mug.page.locator('verity-reviews').getByLabel('With photos').count()).toBe(0);
    expect(mug.requests.filter((u) => /\/widgets\/c\/(media|lightbox)-/.test(u))).toEqual([]);
    expect([...errors, ...mug.errors]).toEqual([]);
    await mug.close();
    void requests;
  });

  it('<verity-gallery> asks for its photos only once scrolled into view, shows them and opens the lightbox; axe finds nothing serious', async () => {
    const { page, errors, requests, close } = await openPage(d.browser, `${d.server.url}/demo`);
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBe(5);
    const asked = () => requests.filter((u) => u.includes('/v1/stores/demo/media')).length;
    expect(asked()).toBe(0);
    const gallery = page.locator('verity-gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect.poll(() => gallery.locator('.thumb img').count()).toBe(2);
    expect(asked()).toBe(1);
    expect(await gallery.getByRole('heading', { name: 'Customer photos' }).count()).toBe(1);
    const thumb = gallery.getByRole('button', { name: 'Photo from Ines’s 5-star review' }).first();
    await thumb.click();
    await expect.poll(() => gallery.getByRole('dialog').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => gallery.getByRole('dialog').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('on a 390 px phone the thumbnails, the lightbox and the gallery fit (docs/review-photos.png, docs/gallery.png)', async () => {
    const { page, errors, close } = await openPage(d.browser, `${d.server.url}/demo`, phone);
    const review = page.locator('verity-reviews .review').filter({ hasText: 'Photos from the beach' });
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(2);
    await review.locator('.thumbs img').evaluateAll((imgs) => Promise.all(imgs.map((img) => (img as HTMLImageElement).decode())));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync('docs', { recursive: true });
    await review.screenshot({ path: screenshotPath('review-photos.png') });
    const gallery = page.locator('verity-gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect.poll(() => gallery.locator('.thumb img').count()).toBe(2);
    await gallery.locator('.thumb img').evaluateAll((imgs) => Promise.all(imgs.map((img) => (img as HTMLImageElement).decode())));
    await gallery.screenshot({ path: screenshotPath('gallery.png') });
    // The lightbox's photo fits the phone's width.
    await gallery.locator('.thumb').first().click();
    const box = await gallery.getByRole('dialog').locator('img').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });

  it('a photo the merchant hides in the dashboard inbox disappears from the review, the gallery and its URL', async () => {
    const before = await reviewWithPhotos();
    const { page, errors, close } = await signIn(d.browser, d.server);
    const inbox = page.locator('verity-admin-inbox');
    await inbox.getByLabel('Status').selectOption('published');
    await inbox.locator('.item .open').filter({ hasText: 'Photos from the beach' }).click();
    const photos = inbox.getByRole('list', { name: 'Photos and video' });
    await expect.poll(() => photos.locator('img').count()).toBe(2);
    await photos.getByRole('button', { name: 'Hide photo 2 of Ines’s review' }).click();
    await expect.poll(() => photos.locator('.badge').allTextContents()).toEqual(['hidden']);
    expect(await photos.getByRole('button', { name: 'Show photo 2 of Ines’s review' }).count()).toBe(1);
    // The dashboard still shows the hidden photo (dimmed), through its own file route.
    expect(await photos.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toEqual([true, true]);
    // The signed-out check before the login form answers 401, as on every dashboard test.
    expect(unexpected(errors)).toEqual([]);
    await close();

    const after = await reviewWithPhotos();
    expect(after.media.map((m) => m.id)).toEqual([before.media[0]!.id]);
    expect((await fetch(absolute(before.media[1]!.url))).status).toBe(404);
    expect((await publicApi('/media?product=classic-tee')).items.map((m: { id: string }) => m.id)).toEqual([before.media[0]!.id]);
    const shop = await openPage(d.browser, `${d.server.url}/demo`);
    const review = shop.page.locator('verity-reviews .review').filter({ hasText: 'Photos from the beach' });
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(1);
    await shop.close();
  });
});
