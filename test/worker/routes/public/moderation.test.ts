/** A store's public moderation figures: GET /v1/stores/:store/moderation and the page /stores/:store/moderation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const figures = (store = 'store-a') => h.call('GET', `/v1/stores/${store}/moderation`);

async function seedMonth() {
  const key = h.a.keys.secretKey;
  const ids: string[] = [];
  for (const rating of [5, 1, 3, 2]) ids.push((await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ rating }) })).body.id);
  await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${ids[1]}`, { key, json: { status: 'rejected' } });
  await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${ids[2]}`, { key, json: { status: 'spam' } });
  await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${ids[3]}`, { key, json: { status: 'pending' } });
  await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() });
}

describe('GET /v1/stores/:store/moderation', () => {
  it('counts reviews received, published, rejected and marked spam per month, for this store only', async () => {
    await seedMonth();
    const res = await figures();
    expect(res.status, res.text).toBe(200);
    expect(res.body.store).toEqual({ id: 'store-a', name: 'Store store-a' });
    expect(res.body.months).toEqual([{ month: '2026-11', received: 4, published: 1, rejected: 1, spam: 1, pending: 1, verifiedShare: 0 }]);
    expect(res.body.totals).toEqual({ received: 4, published: 1, rejected: 1, spam: 1, pending: 1, verifiedShare: 0 });
  });

  it('words the policy from the store’s actual settings, and says the rating never decides', async () => {
    const open = (await figures()).body.policy.join(' ');
    expect(open).toContain('published at once');
    expect(open).toContain('The rating never decides whether a review is published');
    expect(open).toContain('other shoppers may review too, shown as unverified');
    expect(open).not.toContain('Turnstile');

    const patched = await h.call('PATCH', '/v1/admin/stores/store-a', {
      key: h.a.keys.secretKey,
      json: { moderation: 'hold-first-time', holdWords: ['refund', 'scam'], acceptUnverified: false, turnstile: { siteKey: 'site', enabled: true }, turnstileSecret: 'secret' },
    });
    expect(patched.status, patched.text).toBe(200);
    const held = (await figures()).body.policy.join(' ');
    expect(held).toContain('A review by someone with nothing published here yet waits');
    expect(held).toContain('any of 2 listed words or phrases');
    expect(held).toContain('Cloudflare Turnstile');
    expect(held).toContain('Only buyers may review');
  });

  it('answers NOT_FOUND for a store that does not exist', async () => {
    const res = await figures('no-such-store');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /stores/:store/moderation', () => {
  it('shows the policy and a table of the months, readable without JavaScript', async () => {
    await seedMonth();
    const res = await h.call('GET', '/stores/store-a/moderation');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('<h1>How reviews are checked at Store store-a</h1>');
    // One main landmark holds the page, as on Verity's other pages, so a screen reader can jump to it.
    expect(res.text.match(/<main>[\s\S]*<h1>How reviews are checked[\s\S]*<table>[\s\S]*<\/main>/)).toBeTruthy();
    expect(res.text).toContain('The rating never decides');
    expect(res.text).toMatch(/<th scope="row">Nov 2026<\/th><td>4<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>0 %<\/td>/);
    expect(res.text).toContain('href="/v1/stores/store-a/moderation"');
    expect(res.text).not.toContain('<script');
  });

  it('says so when the store is unknown', async () => {
    const res = await h.call('GET', '/stores/nowhere/moderation');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Store not found');
  });
});
