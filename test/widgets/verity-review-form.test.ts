/** <verity-review-form> with a signed token, on the hosted review page a buyer reaches from the email. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { getStore } from '../../db/queries/stores';
import { signLink } from '../../worker/domain/links';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();
let linkSecret: string;

beforeAll(async () => {
  const client = await openEmbedded(`file:${join(demo.server.dir, 'verity.db')}`);
  linkSecret = (await getStore(createDb(client), 'demo'))!.linkSecret;
  client.close();
});

// The demo seed's recent buyers ordered the tee (orders demo-order-2000…2002).
const link = async (order: string) =>
  `${demo.server.url}/r/${await signLink({ kind: 'review', store: 'demo', order, product: 'classic-tee', exp: Math.floor(Date.now() / 1000) + 3600 }, linkSecret)}`;

const latest = async () => {
  const res = await fetch(`${demo.server.url}/v1/stores/demo/products/classic-tee/reviews`);
  return ((await res.json()) as { reviews: Array<{ title: string; verified: boolean; author: { name: string } }> }).reviews[0]!;
};

describe('<verity-review-form> on the hosted review page', () => {
  it('replaces the plain form and posts a verified review without a page load', async () => {
    const { page, errors, close } = await openPage(demo.browser, await link('demo-order-2000'));
    const form = page.locator('verity-review-form');
    // exact: the plain form's "5 stars — excellent" would match too, before the element has upgraded.
    await expect.poll(() => form.getByRole('radio', { name: '5 stars', exact: true }).count()).toBe(1);
    // The no-JavaScript form is still in the light DOM, but not rendered.
    expect(await page.locator('form[method="post"]').isVisible()).toBe(false);
    expect(await form.getByRole('textbox', { name: 'Email (never shown)' }).count()).toBe(0);
    await form.locator('label[for="star-5"]').click();
    await form.getByRole('textbox', { name: 'Title (optional)' }).fill('Exactly as pictured');
    await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('Soft, thick, and the colour is *lovely*.');
    // The order's customer name is filled in, as on the plain form.
    expect(await form.getByRole('textbox', { name: 'Name shown with your review' }).inputValue()).toBe('Ines');
    const url = page.url();
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');
    expect(page.url()).toBe(url);
    expect(await latest()).toMatchObject({ title: 'Exactly as pictured', verified: true, author: { name: 'Ines' } });
    expect(errors).toEqual([]);
    await close();
  });

  it('still works with JavaScript turned off', async () => {
    const { page, close } = await openPage(demo.browser, await link('demo-order-2001'), { javaScriptEnabled: false });
    await page.getByLabel('5 stars — excellent').check();
    await page.getByLabel('Your review', { exact: true }).fill('Plain HTML form, still fine.');
    await page.getByLabel('Name shown with your review').fill('Kofi');
    await page.getByRole('button', { name: 'Publish review' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Thank you for your review');
    expect(await latest()).toMatchObject({ verified: true, author: { name: 'Kofi' } });
    await close();
  });
});
