/**
 * For the dashboard's browser tests: the demo server as `npm start` makes it
 * (with the scheduler on, so queued emails land in <data>/outbox as .eml
 * files), the demo owner's login from demo.json, and signing in through the
 * real form.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { readNodeConfig, startNodeServer } from '../../../worker/node';
import { launchBrowser, openPage, type DemoServer, type WatchedPage } from '../../helpers/browser';

export interface DashboardServer extends DemoServer {
  admin: { email: string; password: string };
}

export async function startDashboardServer(): Promise<DashboardServer> {
  const dir = mkdtempSync(join(tmpdir(), 'verity-admin-'));
  const server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, writesPerMinute: 1000, schedulerIntervalSeconds: 1 });
  const demo = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { secretKey: string; admin: { email: string; password: string } };
  return {
    url: server.url,
    dir,
    secretKey: demo.secretKey,
    admin: demo.admin,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function dashboard(): { readonly server: DashboardServer; readonly browser: Browser } {
  const running = {} as { server: DashboardServer; browser: Browser };
  beforeAll(async () => {
    [running.server, running.browser] = await Promise.all([startDashboardServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}

/** Opens /admin (or a deeper path) in a fresh context and signs in through the form; resolves once that page shows. */
export async function signIn(browser: Browser, server: DashboardServer, options: BrowserContextOptions & { path?: string; email?: string; password?: string } = {}): Promise<WatchedPage> {
  const watched = await openPage(browser, `${server.url}${options.path ?? '/admin'}`, options);
  const { page } = watched;
  await page.getByLabel('Email').fill(options.email ?? server.admin.email);
  await page.getByLabel('Password').fill(options.password ?? server.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('verity-admin-app nav').waitFor();
  await page.locator('verity-admin-app main h1').first().waitFor();
  return watched;
}

/** The merchant API with the secret key: only to arrange what a test starts from. */
export async function arrange(server: DashboardServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/v1/admin/stores/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
  return res.json() as Promise<any>;
}

/** A shopper's review through the public API, as the storefront's form sends it. */
export async function shopperReview(server: DashboardServer, review: { rating: number; title: string; body: string; name: string; email: string }, product = 'classic-tee') {
  const res = await fetch(`${server.url}/v1/stores/demo/products/${product}/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ rating: review.rating, title: review.title, body: review.body, author: { name: review.name, email: review.email } }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<{ id: string; status: string }>;
}

/** The emails the file transport wrote to <data>/outbox, parsed (their parts are base64). */
export async function outboxEmails(server: DashboardServer): Promise<Array<{ to: string; subject: string; text: string }>> {
  let files: string[];
  try {
    files = readdirSync(join(server.dir, 'outbox'));
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f) => {
      const email = await PostalMime.parse(readFileSync(join(server.dir, 'outbox', f), 'utf8'));
      return { to: email.to?.map((a) => a.address).join(', ') ?? '', subject: email.subject ?? '', text: email.text ?? '' };
    }),
  );
}

/** The dashboard's one status line (confirmations) and alert (failures). */
export const status = (page: Page) => page.locator('verity-admin-app main > .notice.done').textContent();
export const alert = (page: Page) => page.locator('verity-admin-app .notice.error').textContent();

/** The items of the inbox list, by their title line. */
export const inboxTitles = (page: Page) => page.locator('verity-admin-inbox .item .title').allTextContents();

/** Console errors but the 401 of the first session check of a signed-out page (a failed resource, by design). */
export const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 401 (Unauthorized)'));
