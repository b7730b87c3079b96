/**
 * Turnstile through the real elements on /demo. Nothing outside this machine
 * can be reached, so a loopback stand-in plays Cloudflare: a fake api.js whose
 * challenge is a button that yields `stand-in-token`, and a siteverify that
 * passes only that token (or nothing, once told to refuse).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../db/embedded';
import { readNodeConfig, startNodeServer } from '../../worker/node';
import { launchBrowser, openPage } from '../helpers/browser';

const TOKEN = 'stand-in-token';
const SITE_KEY = 'stand-in-site-key';
const SECRET = 'stand-in-secret';
const REFUSED = 'Please complete the check that you are not a robot, then send again.';
const WAITING = 'Waiting for the check that you are not a robot…';

// The challenge: a button in the container it is given; `window.__turnstile` records what the page asked of it.
const fakeApi = `
window.__turnstile = { renders: [], resets: [] };
window.turnstile = {
  render(el, opts) {
    const id = 'w' + window.__turnstile.renders.length;
    window.__turnstile.renders.push({ sitekey: opts.sitekey, theme: opts.theme, inShadow: el.getRootNode() !== document });
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'I am human';
    b.onclick = () => opts.callback(${JSON.stringify(TOKEN)});
    el.appendChild(b);
    return id;
  },
  reset(id) { window.__turnstile.resets.push(id); },
};`;

let refuse = false;
const verified: string[] = [];
let standIn: Server;
let standInUrl: string;
let server: Awaited<ReturnType<typeof startNodeServer>>;
let dir: string;
let browser: Browser;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    if (req.url?.startsWith('/turnstile/v0/api.js')) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(fakeApi);
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      verified.push(form.get('response') ?? '');
      const success = !refuse && form.get('secret') === SECRET && form.get('response') === TOKEN;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success, 'error-codes': success ? [] : ['invalid-input-response'] }));
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'verity-turnstile-'));
  const env = { VERITY_DATA_DIR: dir, TURNSTILE_SCRIPT_URL: `${standInUrl}/turnstile/v0/api.js?render=explicit`, TURNSTILE_VERIFY_URL: `${standInUrl}/turnstile/v0/siteverify` };
  [server, browser] = await Promise.all([startNodeServer({ ...readNodeConfig(env), port: 0, writesPerMinute: 1000, schedulerIntervalSeconds: 0 }), launchBrowser()]);
  // As a merchant would: the store's secret key (data/demo.json) on the merchant API.
  const { secretKey } = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { secretKey: string };
  const res = await fetch(`${server.url}/v1/admin/stores/demo`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ turnstile: { enabled: true, siteKey: SITE_KEY }, turnstileSecret: SECRET }),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => standIn.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Rows stored with this body, read from the demo server's own database. */
async function stored(table: 'reviews' | 'questions' | 'answers', body: string): Promise<number> {
  const client = await openEmbedded(`file:${join(dir, 'verity.db')}`);
  try {
    return Number((await client.execute({ sql: `SELECT count(*) AS n FROM ${table} WHERE body = ?`, args: [body] })).rows[0]!.n);
  } finally {
    client.close();
  }
}

const record = (page: Page) => page.evaluate(() => (window as unknown as { __turnstile?: { renders: Array<Record<string, unknown>>; resets: string[] } }).__turnstile);

async function fillReview(page: Page, body: string) {
  await page.locator('verity-reviews').getByRole('button', { name: 'Write a review' }).click();
  const form = page.locator('verity-review-form');
  await form.locator('label[for="star-5"]').click();
  await form.getByLabel('Your review', { exact: true }).fill(body);
  await form.getByLabel('Name shown with your review').fill('Ana');
  await form.getByLabel('Email (never shown)').fill('ana@example.com');
  return form;
}

async function fillQuestion(page: Page, body: string) {
  const qa = page.locator('verity-questions');
  await qa.getByRole('button', { name: 'Ask a question' }).click();
  await qa.getByLabel('Your question').fill(body);
  await qa.getByLabel('Your name (shown publicly)').fill('Ana');
  await qa.getByLabel('Email (never shown)').fill('ana@example.com');
  return qa;
}

describe('Turnstile in the storefront elements', () => {
  it('loads nothing of it before a form opens, then shows the challenge, waits for its token, sends it and stores the review and the question', async () => {
    refuse = false;
    const { page, errors, requests, close } = await openPage(browser, `${server.url}/demo`);
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    expect(requests.filter((u) => u.endsWith('/v1/stores/demo/config') || u.startsWith(standInUrl))).toEqual([]);

    const review = 'Checked by the stand-in, and soft.';
    const form = await fillReview(page, review);
    // Until the challenge yields a token, the button says why it waits.
    await expect.poll(() => form.getByRole('button', { name: WAITING }).isDisabled()).toBe(true);
    expect(await record(page)).toMatchObject({ renders: [{ sitekey: SITE_KEY, theme: 'auto' }] });
    await form.getByRole('button', { name: 'I am human' }).click();
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Thank you');
    expect(await stored('reviews', review)).toBe(1);

    const question = 'Does the stand-in ever sleep?';
    const qa = await fillQuestion(page, question);
    await expect.poll(() => qa.getByRole('button', { name: WAITING }).isDisabled()).toBe(true);
    await qa.getByRole('button', { name: 'I am human' }).click();
    await qa.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => qa.getByRole('status').textContent()).toBe('Thank you! Your question is posted.');
    expect(await stored('questions', question)).toBe(1);
    // In the document's light DOM, slotted into the form: not inside a shadow root.
    expect((await record(page))!.renders[1]).toMatchObject({ sitekey: SITE_KEY, inShadow: false });

    // Once per page: one config read, one script; a token per write, and a fresh challenge after each.
    expect(requests.filter((u) => u.endsWith('/v1/stores/demo/config'))).toHaveLength(1);
    expect(await page.evaluate(() => document.head.querySelectorAll('script[src*="/turnstile/v0/api.js"]').length)).toBe(1);
    expect(verified.slice(-2)).toEqual([TOKEN, TOKEN]);
    // The fresh challenge may come just after the thank-you shows: polled, as the page does not wait for it.
    await expect.poll(async () => (await record(page))!.resets.length).toBe(2);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the sentence, resets the challenge and stores nothing when siteverify refuses the token', async () => {
    refuse = true;
    const { page, close } = await openPage(browser, `${server.url}/demo`);
    await expect.poll(() => page.locator('verity-reviews .review').count()).toBeGreaterThan(0);
    const review = 'This one the stand-in refuses.';
    const form = await fillReview(page, review);
    await form.getByRole('button', { name: 'I am human' }).click();
    await form.getByRole('button', { name: 'Submit review' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(REFUSED);
    // The used token is gone: the button waits for a new one.
    expect(await form.getByRole('button', { name: WAITING }).isDisabled()).toBe(true);
    await expect.poll(async () => (await record(page))!.resets.length).toBe(1);
    expect(await stored('reviews', review)).toBe(0);

    const question = 'Refused too?';
    const qa = await fillQuestion(page, question);
    await qa.getByRole('button', { name: 'I am human' }).click();
    await qa.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => qa.getByRole('alert').textContent()).toBe(REFUSED);
    expect(await stored('questions', question)).toBe(0);
    await close();
    refuse = false;
  });
});
