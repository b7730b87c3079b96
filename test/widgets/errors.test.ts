/** What the elements say when the API refuses a write: translated sentences, never the API's own words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStore } from '../../db/queries/stores';
import { signLink } from '../../worker/domain/links';
import { demoStorefront, openPage, startStorefront, withDemoDb } from '../helpers/browser';

const demo = demoStorefront();
let shop: Awaited<ReturnType<typeof startStorefront>>;

beforeAll(async () => {
  shop = await startStorefront(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another store</title>
<script type="module" src="${demo.server.url}/widgets/verity.js"></script></head>
<body><verity-reviews store="demo" product="classic-tee"></verity-reviews><verity-questions store="demo" product="classic-tee"></verity-questions></body></html>`);
  // Nothing configured for this origin: reads are public, writes are refused by the real API.
});
afterAll(() => shop?.close());

describe('a write refused for the page’s origin', () => {
  it('tells the shopper plainly in every element, and logs one line naming the origin to allow', async () => {
    const { page, errors, close } = await openPage(demo.browser, shop.url);
    const reviews = page.locator('verity-reviews');
    await expect.poll(() => reviews.locator('.review').count()).toBeGreaterThan(0);
    const refused = 'Reviews can’t be sent from this page right now.';

    await reviews.locator('.review').first().getByRole('button', { name: 'Helpful (0)', exact: true }).click();
    await expect.poll(() => reviews.locator('.review').first().getByRole('alert').textContent()).toBe(refused);

    await reviews.getByRole('button', { name: 'Write a review' }).click();
    const form = reviews.locator('verity-review-form');
    await form.locator('label[for="star-5"]').click();
    await form.getByLabel('Your review', { exact: true }).fill('Great tee.');
    await form.getByLabel('Name shown with your review').fill('Ana');
    await form.getByLabel('Email (never shown)').fill('ana@example.com');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(refused);

    const qa = page.locator('verity-questions');
    await qa.getByRole('button', { name: 'Ask a question' }).click();
    await qa.getByLabel('Your question').fill('Does it come in green?');
    await qa.getByLabel('Your name (shown publicly)').fill('Ana');
    await qa.getByLabel('Email (never shown)').fill('ana@example.com');
    await qa.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => qa.getByRole('alert').textContent()).toBe('Questions and answers can’t be sent from this page right now.');

    expect(errors.filter((e) => e.includes('[verity]'))).toEqual([
      `[verity] writes from ${shop.url} are refused by store "demo": add this origin to the store's allowedOrigins (PATCH /v1/admin/stores/demo)`,
    ]);
    await close();
  });
});

describe('API error codes', () => {
  it('become sentences in the page’s language, not the API’s message', async () => {
    const { page, close } = await openPage(demo.browser, `${demo.server.url}/demo?locale=de`);
    const qa = page.locator('verity-questions');
    await expect.poll(() => qa.locator('h2').textContent()).toBe('Fragen & Antworten');
    await qa.getByRole('button', { name: 'Frage stellen' }).click();
    await qa.getByLabel('Ihre Frage').fill('Gibt es die auch in Grün?');
    await qa.getByLabel('Ihr Name (öffentlich sichtbar)').fill('Jo');
    await qa.getByLabel('E-Mail (wird nie angezeigt)').fill('jo@nowhere'); // the browser takes it; the API does not
    await qa.getByRole('button', { name: 'Absenden' }).click();
    await expect.poll(() => qa.getByRole('alert').textContent()).toBe('Bitte prüfen Sie Ihre Angaben: Einiges davon kann so nicht angenommen werden.');

    await page.route('**/votes', (route) =>
      route.fulfill({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '30' }, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'too many writes from this address' } }) }),
    );
    const first = page.locator('verity-reviews .review').first();
    await first.getByRole('button', { name: 'Hilfreich (0)', exact: true }).click();
    await expect.poll(() => first.getByRole('alert').textContent()).toBe('Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es erneut.');
    await close();
  });

  it('the review form says a used link was used, after the review it already sent', async () => {
    const linkSecret = (await withDemoDb(demo.server, (db) => getStore(db, 'demo')))!.linkSecret;
    const token = await signLink({ kind: 'review', store: 'demo', order: 'demo-order-2002', product: 'classic-tee', exp: Math.floor(Date.now() / 1000) + 3600 }, linkSecret);
    const { page, close } = await openPage(demo.browser, `${demo.server.url}/r/${token}`);
    const form = page.locator('verity-review-form');
    await expect.poll(() => form.getByRole('radio').count()).toBe(5);
    // Meanwhile the same link was used in another tab.
    const first = await fetch(`${demo.server.url}/r/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: 5, body: 'From the other tab.', name: 'Lee' }) });
    expect(first.status).toBe(201);
    await form.locator('label[for="star-4"]').click();
    await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('Second try.');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('This review link was already used: the review it was for has been sent. Thank you!');
    await close();
  });
});
