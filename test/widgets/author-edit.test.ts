/**
 * An author edits their review as they would: the link from the emailed .eml
 * (file transport, scheduler on) opened in Chromium, the plain form changed
 * and saved, and the product page then shows the new words marked "Edited".
 */
import { describe, expect, it } from 'vitest';
import { openPage, seriousViolations } from '../helpers/browser';
import { dashboard, outboxEmails, shopperReview } from './admin/dashboard';

const d = dashboard();

describe('the emailed edit link', () => {
  it('opens the author’s review, saves a new rating and text, and the storefront shows them as edited', async () => {
    await shopperReview(d.server, { rating: 5, title: 'Perfect tee', body: 'Soft from day one.', name: 'Fay', email: 'fay.edit@example.com' });
    const emailed = async () => (await outboxEmails(d.server)).find((e) => e.to === 'fay.edit@example.com');
    await expect.poll(emailed, { timeout: 30_000 }).toBeTruthy();
    const email = (await emailed())!;
    expect(email.subject).toBe('Your review of Classic Organic Tee — edit or delete it');
    const link = email.text.match(/http:\/\/\S+\/e\/[A-Za-z0-9_.-]+/)?.[0];
    expect(link, email.text).toBeTruthy();

    const { page, errors, close } = await openPage(d.browser, link!);
    await page.getByRole('heading', { name: 'Your review of Classic Organic Tee' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByLabel('5 stars — excellent').isChecked()).toBe(true);
    await page.getByLabel('4 stars — very good').check();
    await page.getByLabel('Your review').fill('Soft from day one, but it shrank a little.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Your changes are saved' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Your review of Classic Organic Tee is published.');

    await page.goto(`${d.server.url}/demo/products/classic-tee`);
    const first = page.locator('verity-reviews .review').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toContain('it shrank a little');
    expect(await first.locator('.meta .edited').textContent()).toBe('Edited');
    expect(errors).toEqual([]);
    await close();
  });
});
