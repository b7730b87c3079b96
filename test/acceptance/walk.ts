/**
 * For the acceptance walks: the embedded default exactly as `npm start` starts
 * it (readNodeConfig over a fresh data directory, on 127.0.0.1), only on port 0
 * and with the scheduler ticking every second instead of every minute, so an
 * emailed request lands in <data>/outbox as a .eml while the test waits.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../worker/node';
import { launchBrowser } from '../helpers/browser';

export interface Demo {
  url: string;
  dir: string;
  /** What `npm start` prints once and saves to demo.json. */
  keys: { secretKey: string; webhookSecret: string; admin: { email: string; password: string } };
}

export function walk(): { readonly demo: Demo; readonly browser: Browser } {
  const running = {} as { demo: Demo; browser: Browser; close: () => Promise<void> };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-walk-'));
    const [server, browser] = await Promise.all([
      startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir, HOST: '127.0.0.1' }), port: 0, schedulerIntervalSeconds: 1 }),
      launchBrowser(),
    ]);
    running.demo = { url: server.url, dir, keys: JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) };
    running.browser = browser;
    running.close = async () => {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => running.close?.());
  return running;
}

/** Every .eml the file transport wrote so far, parsed by postal-mime (HTML and text parts decoded). */
export async function outbox(demo: Demo): Promise<Email[]> {
  let files: string[] = [];
  try {
    files = readdirSync(join(demo.dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(files.map((f) => PostalMime.parse(readFileSync(join(demo.dir, 'outbox', f), 'utf8'))));
}

/** Waits for the one email to `to` whose subject matches, as a person waits for their inbox. */
export async function emailTo(demo: Demo, to: string, subject: RegExp): Promise<Email> {
  const find = async () => (await outbox(demo)).find((e) => e.to?.some((a) => a.address === to) && subject.test(e.subject ?? ''));
  await expect.poll(find, { timeout: 30_000, message: `an email to ${to} with subject ${subject}` }).toBeTruthy();
  return (await find())!;
}

/** The merchant API with the demo's secret key (the steps a merchant's script or platform would take). */
export async function merchant(demo: Demo, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${demo.url}/v1/admin/stores/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${demo.keys.secretKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
  return res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

export const SHOTS = '/tmp/walks';

/** Full-page screenshots at desktop (1280 px) and phone (390 px) width, into /tmp/walks (never committed). */
export async function shoot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    // Let layout and lazy elements settle at the new width before the picture.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage });
  }
  await page.setViewportSize(size);
}

/** Signs in to /admin through the form with the demo owner's login; resolves once the dashboard shows. */
export async function signIn(page: Page, demo: Demo, path = '/admin'): Promise<void> {
  await page.goto(`${demo.url}${path}`);
  await page.getByLabel('Email').fill(demo.keys.admin.email);
  await page.getByLabel('Password').fill(demo.keys.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('verity-admin-app nav').waitFor();
  await page.locator('verity-admin-app main h1').first().waitFor();
}
