/**
 * Issue 15's "Done means", walked as a buyer and then a merchant would, on the
 * embedded default in Chromium: each `it` is one step of the issue, in its
 * order, sharing what the steps before found. Screenshots go to /tmp/walks.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import exifr from 'exifr';
import type { Email } from 'postal-mime';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { jpegWithGps, plainJpeg, SECRET_MARK } from '../fixtures/media';
import { emailTo, merchant, shoot, SHOTS, signIn, walk } from './walk';

const w = walk();
const DAY = 24 * 60 * 60 * 1000;
const PRODUCT_IMAGE = 'https://shop.example/images/classic-tee.jpg';

/** Pages opened by earlier steps that later ones keep using. */
const state: { request?: Email; review?: Page; reviewId?: string; mediaUrls: Set<string> } = { mediaUrls: new Set() };
const pages: Page[] = [];
afterAll(() => Promise.all(pages.map((p) => p.context().close())));

async function newPage(): Promise<Page> {
  const context = await w.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // The store's product images live on its own CDN, which this machine cannot reach: answer for it.
  await page.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'image/jpeg', body: Buffer.from(plainJpeg(64, 64)) }));
  // Every review photo the page is served, to check each for what a camera wrote.
  page.on('response', (r) => r.url().includes('/media/') && r.ok() && state.mediaUrls.add(r.url()));
  pages.push(page);
  return page;
}

/** An order as the store's platform posts it: the generic webhook, signed with the demo's webhook secret (README "Verified purchases"). */
async function orderWebhook(order: unknown) {
  const body = JSON.stringify(order);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', w.demo.keys.webhookSecret).update(`${t}.${body}`).digest('hex');
  const res = await fetch(`${w.demo.url}/v1/stores/demo/webhooks/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-verity-signature': `t=${t},v1=${v1}` }, body });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

const publicReviews = async (query = '') => (await (await fetch(`${w.demo.url}/v1/stores/demo/products/classic-tee/reviews${query}`)).json()) as { reviews: any[] };
const ours = async () => (await publicReviews('?limit=50')).reviews.find((r) => r.id === state.reviewId);
const galleryItems = async () => ((await (await fetch(`${w.demo.url}/v1/stores/demo/media?product=classic-tee`)).json()) as { items: Array<{ id: string; url: string }> }).items;

describe('issue 15, as a buyer', () => {
  it('an order arrives by webhook and the scheduler emails the review request (.eml in the outbox)', async () => {
    await orderWebhook({
      id: 'walk-1001',
      customer: { email: 'samira.walk@example.com', name: 'Samira' },
      createdAt: new Date(Date.now() - 10 * DAY).toISOString(),
      // Delivered long enough ago that the request is due now (requestDelayDays is 7).
      fulfilledAt: new Date(Date.now() - 8 * DAY).toISOString(),
      items: [{ productId: 'classic-tee', name: 'Classic Organic Tee', imageUrl: PRODUCT_IMAGE, url: `${w.demo.url}/demo` }],
    });
    state.request = await emailTo(w.demo, 'samira.walk@example.com', /Classic Organic Tee/);
    expect(state.request.html).toBeTruthy();
  });

  it('from the emailed request (opened in Chromium from the .eml): the product’s image and name and five stars', async () => {
    const page = await newPage();
    await page.setContent(state.request!.html!);
    await expect.poll(() => page.locator(`img[src="${PRODUCT_IMAGE}"]`).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('body').textContent()).toContain('Classic Organic Tee');
    const stars = page.locator('a[href*="/r/"][href*="rating="]');
    expect(await stars.count()).toBe(5);
    expect(await stars.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('rating')))).toEqual(['1', '2', '3', '4', '5']);
    await shoot(page, 'request-email');
    state.review = page;
  });

  it('click the 4th star: the hosted review page opens with 4 stars chosen, and nothing is stored by the click', async () => {
    const page = state.review!;
    await page.locator('a[href*="rating=4"]').click();
    await page.waitForURL(/\/r\/.+rating=4/);
    const form = page.locator('verity-review-form');
    await expect.poll(() => form.evaluate((el) => el.shadowRoot?.querySelector<HTMLInputElement>('input[name="rating"][value="4"]')?.checked ?? null)).toBe(true);
    const all = (await merchant(w.demo, 'GET', '/reviews?limit=100')).reviews as Array<{ author: { email: string } }>;
    expect(all.filter((r) => r.author.email === 'samira.walk@example.com')).toEqual([]);
    await shoot(page, 'review-page-4-stars');
  });

  it('add two photos (one with GPS EXIF) and submit', async () => {
    const page = state.review!;
    const form = page.locator('verity-review-form');
    const beach = Buffer.from(jpegWithGps(1600, 1200));
    expect((await exifr.gps(beach))?.latitude).toBeCloseTo(48.8584, 3);
    await form.getByLabel('Photos or a video (optional)').setInputFiles([
      { name: 'beach.jpg', mimeType: 'image/jpeg', buffer: beach },
      { name: 'label.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(plainJpeg(400, 300)) },
    ]);
    await expect.poll(() => form.locator('.media .hint').allTextContents()).toEqual(['Photo 1 added', 'Photo 2 added']);
    await form.getByRole('textbox', { name: 'Title (optional)' }).fill('Survived the beach');
    await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('Soft, and the colour held up in full sun all week.');
    await shoot(page, 'review-page-photos');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');
    // The thanks come in place, and the way back to the store stays below them.
    expect(await page.getByRole('link', { name: 'Back to Classic Organic Tee' }).getAttribute('href')).toMatch(/^http/);
    await shoot(page, 'review-page-thanks');
    const stored = (await merchant(w.demo, 'GET', '/reviews?limit=100')).reviews.filter((r: { author: { email: string } }) => r.author.email === 'samira.walk@example.com');
    expect(stored).toMatchObject([{ rating: 4, verified: true, status: 'published' }]);
    state.reviewId = stored[0].id;
  });

  it('the photos appear in the review and the gallery', async () => {
    expect((await ours())?.media).toHaveLength(2);
    const page = await newPage();
    await page.goto(`${w.demo.url}/demo`);
    const review = page.locator('verity-reviews .review').filter({ hasText: 'Survived the beach' });
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(2);
    await review.locator('.thumbs img').evaluateAll((imgs) => Promise.all(imgs.map((i) => (i as HTMLImageElement).decode())));
    const gallery = page.locator('verity-gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect.poll(() => gallery.locator('.thumb img').count()).toBe(2);
    await gallery.locator('.thumb img').evaluateAll((imgs) => Promise.all(imgs.map((i) => (i as HTMLImageElement).decode())));
    await shoot(page, 'storefront-photos');
    await page.setViewportSize({ width: 390, height: 844 });
    await review.screenshot({ path: join(SHOTS, 'storefront-review-photos-390.png') });
    await gallery.screenshot({ path: join(SHOTS, 'storefront-gallery-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await review.locator('.thumbs button').first().click();
    await expect.poll(() => review.page().locator('verity-reviews').getByRole('dialog').count()).toBe(1);
    await shoot(page, 'storefront-lightbox', { fullPage: false });
    await page.keyboard.press('Escape');
  });

  it('with no GPS data in what is served', async () => {
    for (const m of [...(await ours()).media, ...(await galleryItems())]) state.mediaUrls.add(new URL(m.url, w.demo.url).href);
    expect(state.mediaUrls.size).toBeGreaterThanOrEqual(2);
    for (const url of state.mediaUrls) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.includes('Exif\0\0'), url).toBe(false);
      expect(bytes.includes(SECRET_MARK), url).toBe(false);
      expect(bytes.includes('http://ns.adobe.com/xap/'), url).toBe(false);
      expect(await exifr.gps(bytes).catch(() => undefined), url).toBeUndefined();
    }
  });

  it('then edit the review through the emailed link', async () => {
    const email = await emailTo(w.demo, 'samira.walk@example.com', /edit or delete it/);
    const link = email.text?.match(/http:\/\/\S+\/e\/[A-Za-z0-9_.~-]+/)?.[0];
    expect(link, email.text).toBeTruthy();
    const page = await newPage();
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Your review of Classic Organic Tee' }).waitFor();
    expect(await page.getByLabel('4 stars — very good').isChecked()).toBe(true);
    await shoot(page, 'edit-page');
    await page.getByLabel('Your review').fill('Soft, and the colour held up in full sun all week. A month on, still like new.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Your changes are saved' }).waitFor();
    await shoot(page, 'edit-saved');

    await page.goto(`${w.demo.url}/demo`);
    const review = page.locator('verity-reviews .review').filter({ hasText: 'Survived the beach' });
    await expect.poll(() => review.textContent()).toContain('A month on, still like new.');
    expect(await review.locator('.meta .edited').textContent()).toBe('Edited');
    // The edit keeps the photos and the verified flag.
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(2);
    expect(await ours()).toMatchObject({ verified: true, rating: 4 });
    expect((await ours()).editedAt).toBeTruthy();
    await shoot(page, 'storefront-edited');
  });
});

describe('issue 15, as a merchant', () => {
  it('hide one photo from the dashboard', async () => {
    const before = (await ours()).media as Array<{ id: string; url: string }>;
    const page = await newPage();
    await signIn(page, w.demo);
    const inbox = page.locator('verity-admin-inbox');
    await inbox.getByLabel('Status').selectOption('published');
    await inbox.locator('.item .open').filter({ hasText: 'Survived the beach' }).click();
    const photos = inbox.getByRole('list', { name: 'Photos and video' });
    await expect.poll(() => photos.locator('img').count()).toBe(2);
    // Thumbnails, not the photos at their own size (1,600 px wide pushed the inbox off the screen).
    expect(await photos.locator('img').evaluateAll((imgs) => imgs.map((i) => Math.round(i.getBoundingClientRect().width)))).toEqual([128, 128]);
    await shoot(page, 'dashboard-inbox-photos');
    await photos.getByRole('button', { name: 'Hide photo 2 of Samira’s review' }).click();
    await expect.poll(() => photos.locator('.badge').allTextContents()).toEqual(['hidden']);
    await shoot(page, 'dashboard-inbox-hidden');
    // On a phone the two buttons stay inside the page and clear of each other.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [hide, show] = await photos.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON() as DOMRect));
    expect(hide!.right <= show!.left || hide!.bottom <= show!.top, JSON.stringify({ hide, show })).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    expect(((await ours()).media as Array<{ id: string }>).map((m) => m.id)).toEqual([before[0]!.id]);
    expect((await galleryItems()).map((m) => m.id)).toEqual([before[0]!.id]);
    expect((await fetch(new URL(before[1]!.url, w.demo.url))).status).toBe(404);
    await page.goto(`${w.demo.url}/demo`);
    const review = page.locator('verity-reviews .review').filter({ hasText: 'Survived the beach' });
    await expect.poll(() => review.locator('.thumbs img').count()).toBe(1);
    const gallery = page.locator('verity-gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect.poll(() => gallery.locator('.thumb img').count()).toBe(1);
  });

  it('change the German request email', async () => {
    const page = await newPage();
    await signIn(page, w.demo);
    await page.getByRole('link', { name: 'Emails' }).click();
    const editor = page.locator('verity-admin-emails');
    await editor.getByRole('heading', { name: 'Emails' }).waitFor();
    await editor.getByRole('combobox', { name: /^Email/ }).selectOption('request');
    await editor.getByLabel('Language').selectOption('de');
    await expect.poll(() => editor.getByLabel('Subject').inputValue()).toBe('Wie gefällt Ihnen {{productNames}}?');
    await editor.getByLabel('Subject').fill('{{customerName}}, wie sitzt {{productNames}}?');
    await editor.getByLabel('Text').fill('Hallo {{customerName}},\n\nschön, dass Sie bei {{storeName}} eingekauft haben. Zwei Sätze genügen uns!');
    await expect.poll(() => editor.locator('.preview-subject').textContent()).toContain(', wie sitzt ');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('verity-admin-app main > .notice.done').textContent()).toContain('Saved: Review request (Deutsch)');
    await shoot(page, 'dashboard-emails-de');
  });

  it('and receive it for a German order (Shopify webhook, customer_locale "de")', async () => {
    const secret = 'shpss_walk_0123456789';
    await merchant(w.demo, 'PATCH', '', { shopifySecret: secret });
    const order = {
      id: 820982911946154500,
      email: 'jonas@example.de',
      created_at: new Date(Date.now() - 10 * DAY).toISOString(),
      updated_at: new Date(Date.now() - 8 * DAY).toISOString(),
      fulfillment_status: 'fulfilled',
      financial_status: 'paid',
      customer_locale: 'de',
      customer: { first_name: 'Jonas', last_name: 'Weber' },
      fulfillments: [{ created_at: new Date(Date.now() - 8 * DAY).toISOString(), status: 'success' }],
      line_items: [{ product_id: 'classic-tee', title: 'Classic Organic Tee', sku: 'TEE-001' }],
    };
    const body = JSON.stringify(order);
    const res = await fetch(`${w.demo.url}/v1/stores/demo/webhooks/shopify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/fulfilled', 'x-shopify-webhook-id': 'walk-de-1', 'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64') },
      body,
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);

    const email = await emailTo(w.demo, 'jonas@example.de', /wie sitzt/);
    // Shopify's first and last name are the order's customer name.
    expect(email.subject).toBe('Jonas Weber, wie sitzt Classic Organic Tee?');
    expect(email.text).toContain('schön, dass Sie bei Verity Demo Store eingekauft haben. Zwei Sätze genügen uns!');
    expect(email.html).toContain('<html lang="de">');
    const page = await newPage();
    await page.setContent(email.html!);
    const stars = page.locator('a[href*="/r/"][href*="rating="]');
    expect(await stars.count()).toBe(5);
    // German star labels, as the email's words are.
    expect(await stars.first().getAttribute('aria-label')).toMatch(/Stern/);
    await shoot(page, 'request-email-de');
    await stars.nth(4).click();
    await page.waitForURL(/\/r\/.+rating=5/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await shoot(page, 'review-page-de');
  });
});
