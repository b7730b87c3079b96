/** Every server-rendered page, including its error pages, carries the same security headers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../db/queries/orders';
import { getStore } from '../../../db/queries/stores';
import { signLink } from '../../../worker/domain/links';
import { emailedLinks } from '../../fixtures/links';
import { DAY } from '../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** The pages a shopper, a buyer or a merchant can open, with real tokens taken from the emails Verity queued. */
async function pages() {
  const store = (await getStore(h.db, 'store-a'))!;
  const items = [{ externalId: 'tee', name: 'Organic tee' }];
  const order = { externalId: 'ord-1', customerEmail: 'fay@example.com', customerName: 'Fay', orderedAt: T0 - 3 * DAY, fulfilledAt: T0 - 2 * DAY, cancelledAt: null, refunded: false, items, source: 'api' as const };
  await recordOrder(h.db, 'store-a', order, store.settings, h.clock.now);
  const asked = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Does it shrink?', author: { name: 'Asker', email: 'asker@example.com' } } });
  expect(asked.status, asked.text).toBe(201);
  const answered = await h.call('POST', `/v1/stores/store-a/questions/${asked.body.id}/answers`, { json: { body: 'No.', author: { name: 'Helper', email: 'helper@example.com' } } });
  expect(answered.status, answered.text).toBe(201);
  const review = `/r/${await signLink({ kind: 'review', store: 'store-a', order: 'ord-1', product: 'tee', exp: Math.floor(T0 / 1000) + 3600 }, store.linkSecret)}`;
  const [answer] = await emailedLinks(h.db, 'a');
  const [accept] = await emailedLinks(h.db, 'accept');
  const [unsubscribe] = await emailedLinks(h.db, 'u');
  expect([answer, accept, unsubscribe]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
  const form = 'application/x-www-form-urlencoded';
  return {
    open: [
      { method: 'GET', path: '/docs' },
      { method: 'GET', path: '/demo' },
      { method: 'GET', path: '/demo/collection' },
      { method: 'GET', path: '/demo/products/not-sold-here' },
      { method: 'GET', path: `/q/store-a/${asked.body.id}` },
      { method: 'GET', path: '/q/store-a/qn_000000000000000000000000' },
      { method: 'POST', path: `/q/store-a/${asked.body.id}`, body: 'body=&name=x&email=nope', contentType: form },
    ],
    tokens: [
      { method: 'GET', path: review },
      { method: 'POST', path: review, body: 'rating=9', contentType: form },
      { method: 'GET', path: '/r/not-a-token' },
      { method: 'GET', path: answer! },
      { method: 'GET', path: accept! },
      { method: 'GET', path: '/accept/not-a-token' },
      { method: 'GET', path: unsubscribe! },
      { method: 'POST', path: unsubscribe!, body: 'List-Unsubscribe=One-Click', contentType: form },
    ],
  };
}

function directives(policy: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

async function fetchPage(page: { method: string; path: string; body?: string; contentType?: string }) {
  const res = await h.call(page.method, page.path, { body: page.body, contentType: page.contentType });
  expect(res.headers.get('content-type'), `${page.method} ${page.path}`).toMatch(/^text\/html/);
  return res;
}

describe('security headers on HTML pages', () => {
  it('every page has a CSP with no inline or eval script, frame-ancestors none, and nosniff', async () => {
    const { open, tokens } = await pages();
    for (const page of [...open, ...tokens]) {
      const res = await fetchPage(page);
      const where = `${page.method} ${page.path.slice(0, 40)} (${res.status})`;
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src'), where).toEqual(["'none'"]);
      expect(csp.get('script-src'), where).toBeDefined();
      expect(csp.get('script-src'), where).not.toContain("'unsafe-inline'");
      expect(csp.get('script-src'), where).not.toContain("'unsafe-eval'");
      expect(csp.get('object-src') ?? csp.get('default-src'), where).toEqual(["'none'"]);
      expect(csp.get('base-uri'), where).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
      expect(csp.get('form-action'), where).toEqual(["'self'"]);
      expect(res.headers.get('x-frame-options'), where).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
    }
  });

  it('no page has an inline script that would run: scripts load from a file or are JSON-LD data', async () => {
    const { open, tokens } = await pages();
    for (const page of [...open, ...tokens]) {
      const res = await fetchPage(page);
      for (const [tag] of res.text.matchAll(/<script\b[^>]*>/gi)) {
        expect(tag, `${page.method} ${page.path.slice(0, 40)}`).toMatch(/\ssrc="\/[^"]*"|type="application\/ld\+json"/);
      }
      expect(res.text, page.path).not.toMatch(/\son[a-z]+="/i);
    }
  });

  it('pages whose URL carries a token send no referrer and are not stored', async () => {
    const { open, tokens } = await pages();
    for (const page of tokens) {
      const res = await fetchPage(page);
      expect(res.headers.get('referrer-policy'), `${page.method} ${page.path.slice(0, 40)}`).toBe('no-referrer');
      expect(res.headers.get('cache-control'), `${page.method} ${page.path.slice(0, 40)}`).toBe('no-store');
    }
    // Pages without a secret in the URL may tell a store where its shoppers came from, but only the origin.
    for (const page of open) {
      expect((await fetchPage(page)).headers.get('referrer-policy'), page.path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('leaves JSON answers of the same routes and of the API without page headers', async () => {
    const res = await h.call('GET', '/r/not-a-token', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('INVALID_LINK');
    const api = await h.call('GET', '/v1/stores/store-a/products/tee/reviews');
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    // Whatever built the response: a handler's c.json, an error, no route at all, a redirect.
    for (const [method, path] of [['GET', '/v1/stores/no-such-store/products/tee/reviews'], ['GET', '/no/such/route'], ['POST', '/v1/stores/store-a/products/tee/reviews'], ['GET', '/'], ['GET', '/openapi.json']] as const) {
      const res = await h.call(method, path, { body: method === 'POST' ? '{' : undefined, contentType: 'application/json' });
      expect(res.headers.get('x-content-type-options'), `${method} ${path}`).toBe('nosniff');
    }
  });
});
