/** <verity-stars> on the demo collection page, in Chromium. */
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();


describe('<verity-stars>', () => {
  it('shows every card’s average and count from one batched request, linking to the reviews', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
    const tee = page.locator('verity-stars[product="classic-tee"]');
    await expect.poll(() => tee.locator('.count').textContent()).toBe('3.6 (8)');
    await expect.poll(() => page.locator('verity-stars[product="trail-mug"] .count').textContent()).toBe('3.0 (2)');
    expect(await tee.getByRole('img').getAttribute('aria-label')).toBe('3.6 out of 5 stars, 8 reviews');
    expect(await tee.locator('a').getAttribute('href')).toBe('/demo/products/classic-tee#reviews');

    const summaryCalls = requests.filter((u) => u.includes('/summaries?'));
    expect(summaryCalls).toHaveLength(1);
    expect(new URL(summaryCalls[0]!).searchParams.get('products')!.split(',').sort()).toEqual(['canvas-tote', 'classic-tee', 'trail-mug']);
    // A page with only stars never downloads the list, the form, DOMPurify's chunk or marked.
    expect(requests.filter((u) => u.includes('/widgets/')).map((u) => u.split('/widgets/')[1]!.replace(/-[A-Z0-9]+\.js$/, ''))).toEqual(
      expect.not.arrayContaining(['c/verity-reviews', 'c/verity-review-form', 'c/marked.esm']),
    );
    await tee.locator('a').click();
    await page.waitForURL(/\/demo\/products\/classic-tee#reviews$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('says there are no reviews yet for a product without any, with no stars that read as a zero rating, and fires verity-loaded', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection?locale=de`);
    const loaded = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('verity-loaded', (e) => {
            const { product } = (e as CustomEvent<{ product: string }>).detail;
            if (product === 'not-yet-reviewed') resolve(product);
          });
          const el = document.createElement('verity-stars');
          el.setAttribute('store', 'demo');
          el.setAttribute('product', 'not-yet-reviewed');
          document.body.appendChild(el);
        }),
    );
    expect(loaded).toBe('not-yet-reviewed');
    const badge = page.locator('verity-stars[product="not-yet-reviewed"]');
    await expect.poll(() => badge.locator('a').textContent().then((t) => t?.trim())).toBe('Noch keine Bewertungen');
    expect(await badge.locator('.stars').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('updates every badge for a product when a review is published on the page', async () => {
    const put = await fetch(`${demo.server.url}/v1/admin/stores/demo/products/wool-socks`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.server.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Wool Socks' }),
    });
    expect(put.ok).toBe(true);
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
    await page.evaluate(() => {
      for (const tag of ['verity-stars', 'verity-stars', 'verity-reviews']) {
        const el = document.createElement(tag);
        el.setAttribute('store', 'demo');
        el.setAttribute('product', 'wool-socks');
        document.body.appendChild(el);
      }
    });
    const badges = page.locator('body > verity-stars[product="wool-socks"] .count');
    await expect.poll(() => badges.allTextContents().then((t) => t.map((x) => x.trim()))).toEqual(['No reviews yet', 'No reviews yet']);
    const reviews = page.locator('body > verity-reviews');
    await reviews.getByRole('button', { name: 'Write a review' }).click();
    const form = reviews.locator('verity-review-form');
    await form.locator('label[for="star-4"]').click();
    await form.getByLabel('Your review', { exact: true }).fill('Warm, and no itch.');
    await form.getByLabel('Name shown with your review').fill('Sam');
    await form.getByLabel('Email (never shown)').fill('sam@example.com');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.locator('.done, .error').allTextContents()).toEqual(['Thank you! Your review is published.']);
    await expect.poll(() => badges.allTextContents().then((t) => t.map((x) => x.trim()))).toEqual(['4.0 (1)', '4.0 (1)']);
    // Badges for other products did not refetch theirs, and still show it.
    expect(await page.locator('verity-stars[product="classic-tee"] .count').textContent()).toBe('3.6 (8)');
    expect(errors).toEqual([]);
    await close();
  });

  it('follows its properties as it does its attributes (product, href, locale, theme), without asking again for what it has', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`, { colorScheme: 'light' });
    await page.locator('verity-stars[product="classic-tee"]').evaluate((el) => (el.id = 'badge'));
    const tee = page.locator('#badge');
    await expect.poll(() => tee.locator('.count').textContent()).toBe('3.6 (8)');
    const muted = () => tee.locator('.count').evaluate((el) => getComputedStyle(el).color);
    expect(await muted()).toBe('rgb(75, 85, 99)');
    await tee.evaluate((el: HTMLElementTagNameMap['verity-stars']) => {
      el.product = 'trail-mug';
      el.href = '/demo/products/trail-mug#reviews';
      el.locale = 'de';
      el.theme = 'dark';
    });
    await expect.poll(() => tee.locator('.count').textContent()).toBe('3,0 (2)');
    expect(await tee.getByRole('img').getAttribute('aria-label')).toBe('3,0 von 5 Sternen, 2 Bewertungen');
    expect(await tee.locator('a').getAttribute('href')).toBe('/demo/products/trail-mug#reviews');
    expect(await muted()).toBe('rgb(196, 201, 210)');
    // Moved elsewhere on the page (a storefront re-sorting its cards), it keeps its summary.
    const calls = requests.filter((u) => u.includes('/summaries?')).length;
    await tee.evaluate((el) => void document.body.appendChild(el));
    await expect.poll(() => page.locator('body > #badge .count').textContent()).toBe('3,0 (2)');
    // Properties and attributes are one, as on the browser's own elements.
    expect(await tee.evaluate((el) => [el.getAttribute('product'), el.getAttribute('theme')])).toEqual(['trail-mug', 'dark']);
    expect(requests.filter((u) => u.includes('/summaries?'))).toHaveLength(calls);
    expect(errors).toEqual([]);
    await close();
  });

  it('takes the store’s custom properties and ::part() rules', async () => {
    const { page, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`, { colorScheme: 'light' });
    await page.addStyleTag({
      content: 'verity-stars { --verity-star-color: rgb(0, 120, 0); --verity-border: rgb(1, 2, 3); --verity-muted: rgb(4, 5, 6) } verity-stars::part(base) { gap: 17px } verity-stars::part(rating) { font-size: 21px }',
    });
    const tee = page.locator('verity-stars[product="classic-tee"]');
    await expect.poll(() => tee.locator('.count').textContent()).toBe('3.6 (8)');
    const style = (selector: string, property: string) => tee.locator(selector).evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    expect(await style('.stars-fill', 'color')).toBe('rgb(0, 120, 0)');
    expect(await style('.stars', 'color')).toBe('rgb(1, 2, 3)');
    expect(await style('.count', 'color')).toBe('rgb(4, 5, 6)');
    expect(await style('a', 'gap')).toBe('17px');
    expect(await style('.stars', 'font-size')).toBe('21px');
    // The fill is as wide as the average says: 3.6 of 5.
    const [fill, all] = await tee.locator('.stars').evaluate((el) => [(el.firstElementChild as HTMLElement).getBoundingClientRect().width, el.getBoundingClientRect().width]);
    expect(fill! / all!).toBeCloseTo(0.72, 1);
    await close();
  });

  it('takes a property a storefront’s script set before verity.js arrived', async () => {
    const { page, errors, close } = await openPage(demo.browser, 'about:blank');
    // Served as if from the Verity server's origin; the script sets .product while the tag is still unknown.
    const html = `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><verity-stars store="demo"></verity-stars>
<script>document.querySelector('verity-stars').product = 'trail-mug';</script><script type="module" src="/widgets/verity.js"></script></body></html>`;
    await page.route(`${demo.server.url}/store-page`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${demo.server.url}/store-page`);
    await expect.poll(() => page.locator('verity-stars .count').textContent()).toBe('3.0 (2)');
    expect(await page.locator('verity-stars').getAttribute('product')).toBe('trail-mug');
    // …and it still answers to the property afterwards.
    await page.locator('verity-stars').evaluate((el: HTMLElementTagNameMap['verity-stars']) => (el.product = 'classic-tee'));
    await expect.poll(() => page.locator('verity-stars .count').textContent()).toBe('3.6 (8)');
    expect(errors).toEqual([]);
    await close();
  });
});
