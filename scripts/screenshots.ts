/**
 * Screenshots of the /demo storefront for the README: light, dark and two
 * more locales, in Debian's Chromium. Start a server first (`npm start`), then:
 *   npm run screenshots -- [base URL, default http://127.0.0.1:8787]
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const shots = [
  { file: 'demo-light.png', path: '/demo', colorScheme: 'light' as const },
  { file: 'demo-dark.png', path: '/demo?theme=dark', colorScheme: 'dark' as const },
  { file: 'demo-de.png', path: '/demo?locale=de', colorScheme: 'light' as const },
  { file: 'demo-ja.png', path: '/demo?locale=ja', colorScheme: 'light' as const },
  { file: 'demo-collection.png', path: '/demo/collection', colorScheme: 'light' as const },
];

mkdirSync('docs', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: shot.colorScheme, deviceScaleFactor: 1 });
  await page.goto(base + shot.path, { waitUntil: 'networkidle' });
  await page.locator('verity-stars .count').first().waitFor();
  await page.screenshot({ path: `docs/${shot.file}`, fullPage: true });
  await page.close();
  console.log(`docs/${shot.file}`);
}

// The review form, opened and half filled in, as a shopper sees it.
const page = await browser.newPage({ viewport: { width: 900, height: 1100 }, deviceScaleFactor: 1 });
await page.goto(`${base}/demo/products/canvas-tote`, { waitUntil: 'networkidle' });
await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
const form = page.locator('verity-review-form');
await form.locator('label[for="star-4"]').click();
await form.getByRole('textbox', { name: 'Title (optional)' }).fill('Rain-proof indeed');
await form.getByRole('textbox', { name: 'Your review', exact: true }).fill('Survived a **week of drizzle** in Hamburg.\n\n- roomy\n- comfy straps');
await form.locator('.preview').waitFor();
await form.getByRole('button', { name: 'Submit review' }).click();
await form.locator('.error').first().waitFor();
await page.locator('verity-reviews').screenshot({ path: 'docs/demo-form.png' });
console.log('docs/demo-form.png');
await page.close();
await browser.close();
