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
});
