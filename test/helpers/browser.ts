/**
 * Real-browser tests: Debian's Chromium driven by playwright-core against the
 * Node server on loopback, over a temporary embedded database seeded with the
 * demo store (exactly what `npm start` gives a new user).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { readNodeConfig, startNodeServer } from '../../worker/node';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Where a test's screenshot goes: docs/<file> when UPDATE_DOCS=1 (to refresh
 * the README's pictures on purpose), else a temporary folder — a test run
 * must not leave the working tree changed.
 */
export function screenshotPath(file: string): string {
  if (process.env.UPDATE_DOCS === '1') return join('docs', file);
  return join(tmpdir(), 'verity-screenshots', file);
}
// No network beyond loopback here: without the background-networking flags Chromium keeps dialling out.
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface DemoServer {
  url: string;
  dir: string;
  secretKey: string;
  close: () => Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'verity-browser-'));
  // Generous write limit: one browser session posts many votes and reviews from 127.0.0.1.
  const server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: dir }), port: 0, writesPerMinute: 1000, schedulerIntervalSeconds: 0 });
  const demo = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { secretKey: string };
  return {
    url: server.url,
    dir,
    secretKey: demo.secretKey,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `use` on the demo server's own database file: to arrange what no API sets, or read what none shows. */
export async function withDemoDb<T>(server: DemoServer, use: (db: Db) => Promise<T>): Promise<T> {
  const client = await openEmbedded(`file:${join(server.dir, 'verity.db')}`);
  try {
    return await use(createDb(client));
  } finally {
    client.close();
  }
}

/**
 * A merchant's storefront on an origin of its own (another port on loopback):
 * serves `page` at `/`, so the elements on it call Verity cross-origin.
 */
export async function startStorefront(page: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`sh scripts/install-chromium.sh\` (Debian's chromium), or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** URLs the page requested, in order. */
  requests: string[];
  close: () => Promise<void>;
}

/** A fresh context and page that records console errors, page errors and requests. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, requests, close: () => context.close() };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (open shadow roots included). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  // Evaluated by the browser, not added as an inline <script>: the pages' CSP would block that.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

/**
 * A demo server and a browser for one test file: started before its tests,
 * closed after. Read `server` and `browser` inside tests (they exist only then).
 */
export function demoStorefront(): { readonly server: DemoServer; readonly browser: Browser } {
  const running = {} as { server: DemoServer; browser: Browser };
  beforeAll(async () => {
    [running.server, running.browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
