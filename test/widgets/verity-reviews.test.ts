/** <verity-reviews> and <verity-review-form> on the demo product page, in Chromium. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviewReports } from '../../db/schema';
import { demoStorefront, openPage, seriousViolations, withDemoDb } from '../helpers/browser';

const demo = demoStorefront();


const reviewsOf = (page: Page) => page.locator('verity-reviews .review');
const titles = (page: Page) => page.locator('verity-reviews .review h3').allTextContents();

async function ready(page: Page) {
  await expect.poll(() => reviewsOf(page).count()).toBeGreaterThan(0);
}

/** The focused element through shadow roots: a button's text, or an input's value. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName} ${el instanceof HTMLInputElement ? el.value : el.textContent?.trim()}` : '';
  });

async function admin(method: string, path: string, body: unknown) {
  const res = await fetch(`${demo.server.url}/v1/admin/stores/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${demo.server.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
}

const checked = (page: Page) => page.locator('verity-review-form input[name="rating"]:checked').inputValue();

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

  it('links to the store’s public moderation figures ("How reviews are checked"), in the page’s language', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const link = page.locator('verity-reviews').getByRole('link', { name: 'How reviews are checked' });
    expect(await link.getAttribute('href')).toBe(`${demo.server.url}/stores/demo/moderation`);
    const res = await fetch((await link.getAttribute('href'))!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('The rating never decides');
    await page.evaluate(() => document.querySelector('verity-reviews')!.setAttribute('locale', 'de'));
    await expect.poll(() => page.locator('verity-reviews').getByRole('link', { name: 'So werden Bewertungen geprüft' }).count()).toBe(1);
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

  it('records a helpful vote once', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const first = reviewsOf(page).first();
    await first.getByRole('button', { name: 'Helpful (0)', exact: true }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Helpful (1)', exact: true }).isDisabled()).toBe(true);
    const { reviews } = await api('/products/classic-tee/reviews');
    expect(reviews[0].helpfulCount).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('asks why a review is reported, stores the reason and confirms; Cancel gives focus back', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const first = reviewsOf(page).first();
    const reportButton = first.getByRole('button', { name: 'Report', exact: true });
    await reportButton.click();
    const reasons = first.getByRole('group', { name: 'Why are you reporting this review?' });
    expect(await reasons.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim()))).toEqual(['Spam or advertising', 'Offensive', 'Off-topic', 'Something else']);
    await expect.poll(() => focused(page)).toBe('INPUT spam');
    await first.getByRole('button', { name: 'Cancel' }).click();
    expect(await reasons.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('BUTTON Report');

    await reportButton.click();
    await reasons.getByRole('radio', { name: 'Off-topic' }).check();
    await first.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => first.getByRole('status').textContent()).toBe('Reported — thank you');
    const id = (await api('/products/classic-tee/reviews')).reviews[0].id as string;
    const stored = await withDemoDb(demo.server, (db) => db.select().from(reviewReports).where(eq(reviewReports.reviewId, id)));
    expect(stored.map((r) => r.reason)).toEqual(['off_topic']);
    expect(errors).toEqual([]);
    await close();
  });

  it('says a report failed instead of thanking, and keeps the choice to send it again', async () => {
    const { page, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    await page.route('**/reports', (route) => route.abort('internetdisconnected'));
    const second = reviewsOf(page).nth(1);
    await second.getByRole('button', { name: 'Report', exact: true }).click();
    await second.getByRole('radio', { name: 'Spam or advertising' }).check();
    await second.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => second.getByRole('alert').textContent()).toBe('Your report was not sent. We couldn’t connect. Check your internet connection and try again.');
    expect(await second.getByText('thank you').count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Send report' }).isEnabled()).toBe(true);

    await page.unroute('**/reports');
    await second.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => second.getByRole('status').textContent()).toBe('Reported — thank you');
    await close();
  });

  it('invites the first review for a product without any, with nothing else to sort or search', async () => {
    await admin('PUT', '/products/brass-lamp', { name: 'Brass Desk Lamp' });
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
    await page.evaluate(() => {
      const el = document.createElement('verity-reviews');
      el.setAttribute('store', 'demo');
      el.setAttribute('product', 'brass-lamp');
      document.body.appendChild(el);
    });
    const reviews = page.locator('body > verity-reviews');
    await expect.poll(() => reviews.locator('.empty').textContent()).toContain('Be the first to review this product.');
    for (const gone of ['.average', '.bars', '.controls', 'select', 'input[type="search"]', '.stars']) expect(await reviews.locator(gone).count(), gone).toBe(0);
    expect(await reviews.getByRole('button').allTextContents()).toEqual(['Write a review']);
    await reviews.getByRole('button', { name: 'Write a review' }).click();
    await expect.poll(() => reviews.locator('verity-review-form').getByRole('radio').count()).toBe(5);
    expect(await reviews.getByRole('button', { name: 'Write a review' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('loads the form only when asked, takes a 3-star review from the keyboard alone and stores 3', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    await ready(page);
    const chunk = (name: string) => requests.some((u) => new RegExp(`/widgets/c/${name}-[A-Z0-9]+\\.js$`).test(u));
    expect(chunk('verity-review-form')).toBe(false);
    const submitted = page.evaluate(
      () => new Promise<{ status: string; product: string }>((resolve) => document.addEventListener('verity-review-submitted', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );

    // A keyboard-only shopper tabs from the top of the page to the button.
    for (let i = 0; i < 40 && (await focused(page)) !== 'BUTTON Write a review'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Write a review');
    await page.keyboard.press('Enter');
    const form = page.locator('verity-review-form');
    await expect.poll(() => form.getByRole('radio').count()).toBe(5);
    expect(chunk('verity-review-form')).toBe(true);
    expect(chunk('marked.esm')).toBe(false);
    // The stars read 1 to 5, in the order they are drawn, and focus starts on the first.
    expect(await form.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['1', '2', '3', '4', '5']);
    for (const n of [1, 2, 3, 4, 5]) expect(await form.getByRole('radio', { name: n === 1 ? '1 star' : `${n} stars`, exact: true }).inputValue()).toBe(String(n));
    await expect.poll(() => focused(page)).toBe('INPUT 1');
    // With no star checked, coming back from either side lands on the first star, not the last.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('INPUT 1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('INPUT 3');
    // ArrowUp raises and ArrowDown lowers, like a rating scale; neither wraps past the ends.
    await page.keyboard.press('ArrowUp');
    expect(await checked(page)).toBe('4');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    expect(await checked(page)).toBe('2');
    await page.keyboard.press('ArrowRight');
    expect(await checked(page)).toBe('3');
    // Leaving the group and coming back lands on the checked star.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('INPUT 3');
    await page.keyboard.press('Space');
    expect(await checked(page)).toBe('3');

    await page.keyboard.press('Tab');
    await page.keyboard.type('Holds up well');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Still **crisp** after a month of wear.');
    await expect.poll(() => form.locator('.preview strong').textContent()).toBe('crisp');
    expect(chunk('marked.esm')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('INPUT '); // the photos field (a file input), which is optional
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kim');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kim@example.com');
    await page.keyboard.press('Tab'); // the honeypot is out of the tab order
    expect(await focused(page)).toBe('BUTTON Submit review');
    await page.keyboard.press('Enter');

    expect(await submitted).toMatchObject({ status: 'published', product: 'classic-tee' });
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');
    await expect.poll(() => titles(page).then((t) => t[0])).toBe('Holds up well');
    const { reviews } = await api('/products/classic-tee/reviews');
    expect(reviews[0]).toMatchObject({ title: 'Holds up well', rating: 3, author: { name: 'Kim' } });
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

  it('says where an imported review came from and whose word its verification is, in each language', async () => {
    await admin('PUT', '/products/linen-apron', { name: 'Linen Apron' });
    // Judge.me's export columns: "buyer" is their verified-purchase badge, "email" is no proof of one.
    const judgeme = [
      'title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,verified',
      'Pockets everywhere,Holds every tool I own.,5,2024-03-02 09:00:00 UTC,web,ok,Ines Vidal,ines@example.com,linen-apron,linen-apron,buyer',
      'Ties are short,Good cloth but the ties are short.,3,2024-02-11 15:30:00 UTC,email,ok,Mark Olsen,mark@example.com,linen-apron,linen-apron,email',
    ].join('\n');
    // Another tool's file through a column mapping: a row that names its tool, and one that does not.
    const other = ['Stars,Text,Who,Handle,Date,Tool,Checked', '4,Washes well.,Aiko,linen-apron,2024-01-20,reviews-io,yes', '5,Good apron.,Bea,linen-apron,2024-01-05,,yes'].join('\n');
    const mapping = JSON.stringify({ rating: 'Stars', body: 'Text', authorName: 'Who', productHandle: 'Handle', createdAt: 'Date', source: 'Tool', verified: 'Checked' });
    for (const [query, file] of [['vendor=judgeme', judgeme], [`mapping=${encodeURIComponent(mapping)}`, other]] as const) {
      const res = await fetch(`${demo.server.url}/v1/admin/stores/demo/imports?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.server.secretKey}`, 'content-type': 'text/csv' },
        body: file,
      });
      expect(res.status, await res.clone().text()).toBe(202);
      const { job } = (await res.json()) as { job: { id: string } };
      const done = async () => {
        const r = await fetch(`${demo.server.url}/v1/admin/stores/demo/imports/${job.id}`, { headers: { authorization: `Bearer ${demo.server.secretKey}` } });
        const { job: j } = (await r.json()) as { job: { status: string; imported: number; errors: unknown } };
        return { status: j.status, errors: j.errors };
      };
      await expect.poll(done).toEqual({ status: 'done', errors: [] });
    }
    const posted = await fetch(`${demo.server.url}/v1/stores/demo/products/linen-apron/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, title: 'Written here', body: 'Bought it this week.', author: { name: 'Noor', email: 'noor@example.com' } }),
    });
    expect(posted.status).toBe(201);

    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
    await page.evaluate(() => {
      const el = document.createElement('verity-reviews');
      el.setAttribute('store', 'demo');
      el.setAttribute('product', 'linen-apron');
      document.body.appendChild(el);
    });
    const reviews = page.locator('body > verity-reviews');
    const review = (author: string) => reviews.locator('.review').filter({ has: page.locator('.meta span', { hasText: author }) });
    await expect.poll(() => reviews.locator('.review').count()).toBe(5);
    const shown = async (author: string) => ({
      source: await review(author).locator('span[part="source"].source').allTextContents(),
      badge: await review(author).locator('.badge').allTextContents(),
    });
    expect(await shown('Ines Vidal')).toEqual({ source: ['Imported from Judge.me'], badge: ['✓ Verified buyer (per Judge.me)'] });
    expect(await shown('Mark Olsen')).toEqual({ source: ['Imported from Judge.me'], badge: [] });
    expect(await shown('Aiko')).toEqual({ source: ['Imported from reviews-io'], badge: ['✓ Verified buyer (per reviews-io)'] });
    expect(await shown('Bea')).toEqual({ source: ['Imported'], badge: ['✓ Verified buyer (per the import)'] });
    expect(await shown('Noor')).toEqual({ source: [], badge: [] });
    // The original dates stay.
    expect(await review('Ines Vidal').locator('time').getAttribute('datetime')).toBe('2024-03-02T09:00:00.000Z');
    expect(await seriousViolations(page)).toEqual([]);

    const words = { de: ['Importiert von Judge.me', '✓ Verifizierter Kauf (laut Judge.me)'], fr: ['Importé depuis Judge.me', '✓ Achat vérifié (selon Judge.me)'], es: ['Importado de Judge.me', '✓ Compra verificada (según Judge.me)'], ja: ['Judge.meからインポート', '✓ 購入確認済み（Judge.meによる確認）'] };
    for (const [locale, [source, badge]] of Object.entries(words)) {
      await page.evaluate((l) => document.querySelector('body > verity-reviews')!.setAttribute('locale', l), locale);
      await expect.poll(() => shown('Ines Vidal'), { message: locale }).toEqual({ source: [source], badge: [badge] });
    }
    expect(errors).toEqual([]);
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
