/** <verity-reviews> and <verity-review-form> on the demo product page, in Chromium. */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();


const reviewsOf = (page: Page) => page.locator('verity-reviews .review');
const titles = (page: Page) => page.locator('verity-reviews .review h3').allTextContents();

async function ready(page: Page) {
  await expect.poll(() => reviewsOf(page).count()).toBeGreaterThan(0);
}

async function api(path: string) {
  const res = await fetch(`${demo.server.url}/v1/stores/demo${path}`);
  return res.json() as Promise<any>;
}

describe('<verity-reviews>', () => {
  it('shows the summary, a page of reviews with badges and replies, and loads more with the cursor', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const reviews = page.locator('verity-reviews');
    expect(await reviews.locator('.average').textContent()).toBe('3.6');
    expect(await reviewsOf(page).count()).toBe(5);
    expect(await reviews.locator('.badge').first().textContent()).toContain('Verified buyer');
    expect(await reviews.locator('.reply').first().textContent()).toContain('Thank you, Maya!');
    // Markdown from the server keeps its formatting.
    expect(await reviews.locator('.review .body strong').first().textContent()).toBe('ten times');

    await reviews.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => reviewsOf(page).count()).toBe(8);
    expect(await reviews.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    expect(new Set(await titles(page)).size).toBe(8);
    expect(errors).toEqual([]);
    await close();
  });

  it('filters by a histogram bar and clears the filter, and filters by verified buyers and by text', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const reviews = page.locator('verity-reviews');
    const five = reviews.getByRole('button', { name: 'Show 5-star reviews (3)' });
    await five.click();
    await expect.poll(() => reviewsOf(page).count()).toBe(3);
    expect(await five.getAttribute('aria-pressed')).toBe('true');
    expect(await reviews.locator('.review [role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['5 stars', '5 stars', '5 stars']);
    await five.click();
    await expect.poll(() => reviewsOf(page).count()).toBe(5);

    await reviews.getByLabel('Verified buyers only').check();
    await expect.poll(async () => (await titles(page)).includes('Shrank after drying')).toBe(false);
    expect(await reviews.locator('.review').evaluateAll((els) => els.every((e) => e.querySelector('.badge')))).toBe(true);
    await reviews.getByLabel('Verified buyers only').uncheck();

    await reviews.getByRole('searchbox', { name: 'Search reviews' }).fill('dryer');
    await expect.poll(() => titles(page)).toEqual(['Shrank after drying']);
    expect(errors).toEqual([]);
    await close();
  });

  it('records a helpful vote and a report, once', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const first = reviewsOf(page).first();
    await first.getByRole('button', { name: 'Helpful (0)', exact: true }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Helpful (1)', exact: true }).isDisabled()).toBe(true);
    const { reviews } = await api('/products/classic-tee/reviews');
    expect(reviews[0].helpfulCount).toBe(1);
    await first.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Reported — thank you' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('loads the form only when asked, takes a review from the keyboard alone and shows it', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const chunk = (name: string) => requests.some((u) => new RegExp(`/widgets/c/${name}-[A-Z0-9]+\\.js$`).test(u));
    expect(chunk('verity-review-form')).toBe(false);
    const submitted = page.evaluate(
      () => new Promise<{ status: string; product: string }>((resolve) => document.addEventListener('verity-review-submitted', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );

    await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
    const form = page.locator('verity-review-form');
    await expect.poll(() => form.getByRole('radio', { name: '1 star' }).count()).toBe(1);
    expect(chunk('verity-review-form')).toBe(true);
    expect(chunk('marked.esm')).toBe(false);
    // Focus starts on the star input; arrow keys move through the radio group.
    await expect.poll(() => form.getByRole('radio', { name: '5 stars' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight'); // 5 → 4 in the reversed row
    await page.keyboard.press('Tab');
    await page.keyboard.type('Holds up well');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Still **crisp** after a month of wear.');
    await expect.poll(() => form.locator('.preview strong').textContent()).toBe('crisp');
    expect(chunk('marked.esm')).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kim');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kim@example.com');
    await page.keyboard.press('Tab'); // the honeypot is out of the tab order
    expect(await form.getByRole('button', { name: 'Submit review' }).evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    expect(await submitted).toMatchObject({ status: 'published', product: 'classic-tee' });
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');
    await expect.poll(() => titles(page).then((t) => t[0])).toBe('Holds up well');
    const { reviews } = await api('/products/classic-tee/reviews');
    expect(reviews[0]).toMatchObject({ title: 'Holds up well', rating: 4, author: { name: 'Kim' } });
    expect(errors).toEqual([]);
    await close();
  });

  it('explains what is missing, and shows the API’s field errors next to the field', async () => {
    const { page, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
    const form = page.locator('verity-review-form');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.locator('.error').allTextContents()).toEqual([
      'Choose a rating from 1 to 5 stars.',
      'Tell other shoppers what you think.',
      'Add the name to show with your review.',
      'Enter your email address (it is never shown).',
    ]);
    expect(await form.getByRole('radio', { name: '5 stars' }).getAttribute('aria-describedby')).toBeNull();
    expect(await form.locator('fieldset').getAttribute('aria-describedby')).toBe('error-rating');

    await form.locator('label[for="star-3"]').click();
    await form.getByLabel('Your review', { exact: true }).fill('Fine.');
    await form.getByLabel('Name shown with your review').fill('N'.repeat(80));
    await form.getByLabel('Email (never shown)').fill('not-an-address@');
    await form.getByLabel('Email (never shown)').evaluate((el: HTMLInputElement) => (el.value = 'x@y'));
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.locator('#error-email').textContent()).toMatch(/email/i);
    expect(await form.getByLabel('Email (never shown)').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await close();
  });

  it('says a held review is waiting for moderation', async () => {
    const patch = await fetch(`${demo.server.url}/v1/admin/stores/demo`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${demo.server.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ moderation: 'hold' }),
    });
    expect(patch.status).toBe(200);
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/products/canvas-tote`);
    await ready(page);
    await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
    const form = page.locator('verity-review-form');
    await form.locator('label[for="star-2"]').click();
    await form.getByLabel('Your review', { exact: true }).fill('The strap frayed.');
    await form.getByLabel('Name shown with your review').fill('Ola');
    await form.getByLabel('Email (never shown)').fill('ola@example.com');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('after the store has looked at it');
    expect(await titles(page)).not.toContain('The strap frayed.');
    expect(errors).toEqual([]);
    await close();
  });
});
