/** Locales: from the `locale` attribute or the page's lang, switched live; Intl formatting. */
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();


describe('widget locales', () => {
  it('renders German from the locale attribute, with German numbers and dates', async () => {
    const { page, errors, requests, close } = await openPage(demo.browser, `${demo.server.url}/demo?locale=de`);
    const reviews = page.locator('verity-reviews');
    await expect.poll(() => reviews.locator('h2').textContent()).toBe('Kundenbewertungen');
    await expect.poll(() => reviews.locator('.average').textContent()).toBe('3,6');
    expect(await reviews.getByRole('button', { name: 'Bewertung schreiben' }).count()).toBe(1);
    expect(await reviews.locator('.review time').first().textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await page.locator('verity-questions h2').textContent()).toBe('Fragen & Antworten');
    expect(await page.locator('verity-stars .count').textContent()).toBe('3,6 (8)');
    // Only German was fetched.
    const locales = requests.map((u) => u.match(/\/widgets\/c\/(de|fr|es|ja)-/)?.[1]).filter(Boolean);
    expect(locales).toEqual(['de']);
    expect(errors).toEqual([]);
    await close();
  });

  it('switches every element when the locale changes, and follows <html lang> without an attribute', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    const reviews = page.locator('verity-reviews');
    await expect.poll(() => reviews.locator('h2').textContent()).toBe('Customer reviews');
    await page.locator('select[name="locale"]').selectOption('fr');
    await expect.poll(() => reviews.locator('h2').textContent()).toBe('Avis clients');
    await expect.poll(() => page.locator('verity-questions h2').textContent()).toBe('Questions et réponses');
    await page.locator('select[name="locale"]').selectOption('ja');
    await expect.poll(() => reviews.getByRole('button', { name: 'レビューを書く' }).count()).toBe(1);

    const bare = await openPage(demo.browser, `${demo.server.url}/demo/collection`);
    await bare.page.evaluate(() => {
      document.documentElement.lang = 'es-ES';
      const el = document.createElement('verity-reviews');
      el.setAttribute('store', 'demo');
      el.setAttribute('product', 'trail-mug');
      document.body.appendChild(el);
    });
    await expect.poll(() => bare.page.locator('body > verity-reviews h2').textContent()).toBe('Opiniones de clientes');
    expect([...errors, ...bare.errors]).toEqual([]);
    await bare.close();
    await close();
  });
});
