/**
 * Screenshots of the dashboard for the README (docs/dashboard-*.png): the
 * inbox, a review with the store's reply, and the settings, at 1280 px and on
 * a 390 px phone. Starts its own demo server on a temporary data folder, so
 * it needs nothing running:  npx tsx scripts/dashboard-screenshots.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildWidgets } from './build-widgets';
import { readNodeConfig, startNodeServer } from '../worker/node';

await buildWidgets();
const dir = mkdtempSync(join(tmpdir(), 'verity-shots-'));
const server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, schedulerIntervalSeconds: 0 });
const demo = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { secretKey: string; admin: { email: string; password: string } };
const key = { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' };

async function call(path: string, method: string, body: unknown, headers: Record<string, string> = key) {
  const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string }>;
}

// What a shop finds on a Monday morning: a few reviews and a question held for a decision.
await call('/v1/admin/stores/demo', 'PATCH', { moderation: 'hold-first-time', holdWords: ['refund'] });
const shopper = { origin: server.url };
const waiting = [
  ['classic-tee', 2, 'Seams came apart', 'After **two washes** the side seam opened. The colour is lovely, so I am a bit sad. Can I get a refund?', 'Ana Lopes'],
  ['trail-mug', 5, 'Survived a camping week', 'Dropped it on rocks twice, not a chip. Coffee stays warm long enough.', 'Jonas Berg'],
  ['canvas-tote', 4, 'Roomy, straps a bit short', 'Fits a 15" laptop and lunch. I wish the straps were 5 cm longer for winter coats.', 'Priya Natarajan'],
  ['classic-tee', 5, 'Perfect weight', 'Soft, not see-through, and it kept its shape after a month of weekly washes.', 'Ben Carter'],
] as const;
const ids: string[] = [];
for (const [product, rating, title, body, name] of waiting) {
  const r = await call(`/v1/stores/demo/products/${product}/reviews`, 'POST', { rating, title, body, author: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` } }, shopper);
  ids.push(r.id);
}
await call('/v1/stores/demo/products/canvas-tote/questions', 'POST', { body: 'Is the waxed canvas OK in the washing machine?', author: { name: 'Mia', email: 'mia@example.com' } }, shopper);
// One already published with a reply, for the "review with its reply" shot.
const replied = ids[3]!;
await call('/v1/admin/stores/demo/inbox/moderate', 'POST', { items: [{ kind: 'review', id: replied }], status: 'published' });
await call(`/v1/admin/stores/demo/reviews/${replied}/reply`, 'PUT', { body: 'Thank you, **Ben**! The tee is pre-shrunk for exactly that reason. Enjoy it.' });

mkdirSync('docs', { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

async function signIn(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: width > 600 ? 820 : 844 }, deviceScaleFactor: width > 600 ? 1 : 2, colorScheme: 'light' });
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Email').fill(demo.admin.email);
  await page.getByLabel('Password').fill(demo.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('verity-admin-inbox .item').first().waitFor();
  return page;
}

for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
  const page = await signIn(width);
  await page.screenshot({ path: `docs/dashboard-inbox-${device}.png` });

  const inbox = page.locator('verity-admin-inbox');
  if (device === 'phone') await inbox.getByText('Filters').click();
  await inbox.getByLabel('Status').selectOption('published');
  const item = inbox.locator('.item').filter({ hasText: 'Perfect weight' });
  await item.locator('.open').click();
  await inbox.locator('verity-admin-reply-editor .published').waitFor();
  if (device === 'phone') await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `docs/dashboard-reply-${device}.png` });

  await page.locator('verity-admin-app nav').getByRole('link', { name: 'Settings' }).click();
  await page.locator('verity-admin-settings form').first().waitFor();
  await page.screenshot({ path: `docs/dashboard-settings-${device}.png`, fullPage: device === 'desktop' });
  await page.close();
  console.log(`docs/dashboard-{inbox,reply,settings}-${device}.png`);
}

await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
