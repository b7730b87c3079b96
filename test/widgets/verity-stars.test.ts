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

  it('says there are no reviews yet for a product without any, and fires verity-loaded', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
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
    await expect.poll(() => page.locator('verity-stars[product="not-yet-reviewed"] .count').textContent()).toBe('No reviews yet');
    expect(errors).toEqual([]);
    await close();
  });
});
