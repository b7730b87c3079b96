/**
 * As a merchant and then as a buyer, in Chromium on the embedded default: the
 * owner rewrites the German review request with a live preview, a German
 * order arrives, and its emailed request (read from the .eml the file
 * transport wrote) carries the new words; the buyer clicks its 4th star,
 * finds it chosen on the review page, and submits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../helpers/browser';
import { plainJpeg } from '../../fixtures/media';
import { arrange, dashboard, signIn, status, unexpected } from './dashboard';

const d = dashboard();

const DAY = 24 * 60 * 60 * 1000;

/** The parsed .eml files of the file transport, HTML included. */
async function emails() {
  let files: string[] = [];
  try {
    files = readdirSync(join(d.server.dir, 'outbox'));
  } catch {
    return [];
  }
  return Promise.all(files.map(async (f) => PostalMime.parse(readFileSync(join(d.server.dir, 'outbox', f), 'utf8'))));
}

describe('the email template editor', () => {
  it('previews as the merchant types, names an unknown placeholder, saves, and the next German request uses it', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/emails' });
    const editor = page.locator('verity-admin-emails');
    await editor.getByRole('heading', { name: 'Emails' }).waitFor();
    await editor.getByLabel('Language').selectOption('de');
    await expect.poll(() => editor.getByLabel('Subject').inputValue()).toBe('Wie gefällt Ihnen {{productNames}}?');
    await expect.poll(() => editor.locator('.preview-subject').textContent()).toBe('Wie gefällt Ihnen Waxed Canvas Tote und Classic Organic Tee?');

    await editor.getByLabel('Subject').fill('{{customerName}}, wie ist {{productNames}}? {{orderTotal}}');
    await expect.poll(() => editor.getByRole('alert').textContent()).toContain('{{orderTotal}} is not a placeholder');

    await editor.getByLabel('Subject').fill('{{customerName}}, wie ist {{productNames}}?');
    await editor.getByLabel('Text').fill('Hallo {{customerName}},\n\n<b>danke</b> für Ihren Einkauf bei {{storeName}}!');
    await expect.poll(() => editor.locator('.preview-subject').textContent()).toBe('Alex, wie ist Waxed Canvas Tote und Classic Organic Tee?');
    await expect.poll(() => editor.locator('.preview-text').textContent()).toContain('<b>danke</b> für Ihren Einkauf bei Verity Demo Store!');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Saved: Review request (Deutsch)');
    expect(await editor.locator('.badge').textContent()).toBe('Your wording');

    // A German order, fulfilled long enough ago that the scheduler (every second here) asks at once.
    const fulfilled = new Date(Date.now() - 8 * DAY).toISOString();
    await arrange(d.server, 'POST', '/orders/import', [
      {
        id: 'de-order-1',
        customer: { email: 'jonas@example.de', name: 'Jonas' },
        createdAt: new Date(Date.now() - 10 * DAY).toISOString(),
        fulfilledAt: fulfilled,
        locale: 'de-DE',
        items: [{ productId: 'classic-tee', name: 'Classic Organic Tee' }],
      },
    ]);
    const request = async () => (await emails()).find((e) => e.to?.some((a) => a.address === 'jonas@example.de'));
    await expect.poll(request, { timeout: 30_000 }).toBeTruthy();
    const email = (await request())!;
    expect(email.subject).toBe('Jonas, wie ist Classic Organic Tee?');
    expect(email.html).toContain('<html lang="de">');
    expect(email.html).toContain('&lt;b&gt;danke&lt;/b&gt;');
    // The one failed request is the preview refusing {{orderTotal}}, above.
    expect(unexpected(errors).filter((e) => !e.includes('422'))).toEqual([]);
    await close();

    if (process.env.EMAIL_SCREENSHOT_DIR) {
      for (const width of [1100, 390]) {
        const shot = await openPage(d.browser, 'about:blank', { viewport: { width, height: 900 } });
        await shot.page.setContent(email.html!);
        await shot.page.screenshot({ path: join(process.env.EMAIL_SCREENSHOT_DIR, `review-request-email-${width}.png`), fullPage: true });
        await shot.close();
      }
    }

    // The buyer opens the email's 4th star: the page shows 4 stars chosen and stores nothing until they submit.
    const fourth = email.text!.match(/★★★★☆ (http:\/\/\S+\?rating=4)/)?.[1];
    expect(fourth, email.text).toBeTruthy();
    const before = (await arrange(d.server, 'GET', '/reviews?limit=100')).reviews.length;
    const buyer = await openPage(d.browser, fourth!);
    expect(await buyer.page.getAttribute('html', 'lang')).toBe('de');
    const form = buyer.page.locator('verity-review-form');
    // The enhanced form (in its shadow root) starts on the 4th star, as the plain fallback form does.
    await expect.poll(() => form.evaluate((el) => el.shadowRoot?.querySelector<HTMLInputElement>('input[name="rating"][value="4"]')?.checked ?? null)).toBe(true);
    expect((await arrange(d.server, 'GET', '/reviews?limit=100')).reviews.length).toBe(before);
    await form.locator('textarea:visible').fill('Weich und hält die Form.');
    await form.getByRole('button', { name: 'Bewertung senden' }).click();
    await expect.poll(async () => (await arrange(d.server, 'GET', '/reviews?limit=100')).reviews.length).toBe(before + 1);
    const review = (await arrange(d.server, 'GET', '/reviews?limit=100')).reviews.find((r: { body: string }) => r.body.includes('Weich'));
    expect(review).toMatchObject({ rating: 4, verified: true });
    expect(unexpected(buyer.errors)).toEqual([]);
    await buyer.close();
  });

  it('shows the HTML email in a sandboxed frame: the edited text, the product picture and stars, and a typed <script> as text that never runs', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/emails' });
    // The product picture comes from the store's CDN; here the test answers for it (before the product has it, so no request goes out).
    const picture = plainJpeg(64, 64);
    await page.route('https://images.example/**', (route) => route.fulfill({ status: 200, contentType: 'image/jpeg', body: Buffer.from(picture) }));
    await arrange(d.server, 'POST', '/products', [{ id: 'canvas-tote', name: 'Waxed Canvas Tote', imageUrl: 'https://images.example/tote.jpg' }]);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));

    const editor = page.locator('verity-admin-emails');
    await editor.getByRole('heading', { name: 'Emails' }).waitFor();
    await editor.getByLabel('Text').fill('Hi {{customerName}}, thanks for shopping at {{storeName}}! <script>alert("ran")</script><img src=x onerror="alert(2)">');
    const frame = page.frameLocator('verity-admin-emails iframe.preview-frame');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 10_000 }).toContain('Hi Alex, thanks for shopping at Verity Demo Store!');
    const text = (await frame.locator('body').textContent())!;
    expect(text).toContain('<script>alert("ran")</script><img src=x onerror="alert(2)">');
    expect(await frame.locator('script').count()).toBe(0);
    expect(await frame.locator('img[src="x"]').count()).toBe(0);
    // The product row: its picture (loaded under the frame's own CSP), its name and five star links.
    const image = frame.locator('img[src="https://images.example/tote.jpg"]');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect(text).toContain('Waxed Canvas Tote');
    expect(await frame.locator('a[href$="?rating=4"]').count()).toBe(2);

    const iframe = editor.locator('iframe.preview-frame');
    expect(await iframe.getAttribute('sandbox')).toBe('');
    expect(dialogs).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});
