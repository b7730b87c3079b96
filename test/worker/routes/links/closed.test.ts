/** A used or expired link says so when it opens, in words for a person, with a way back to the store. */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../../db/queries/orders';
import { getStore } from '../../../../db/queries/stores';
import type { Store } from '../../../../db/schema';
import { createApp } from '../../../../worker/app';
import { base64url } from '../../../../worker/lib/crypto';
import { signLink, type ReviewClaims } from '../../../../worker/domain/links';
import { unlimited } from '../../../../worker/lib/rate-limiter';
import { emailedLinks } from '../../../fixtures/links';
import { DAY } from '../../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
let store: Store;
beforeEach(async () => {
  h = await createHarness();
  store = (await getStore(h.db, 'store-a'))!;
  const items = [{ externalId: 'tee', name: 'Organic tee' }];
  const order = { externalId: 'ord-1', customerEmail: 'fay@example.com', customerName: 'Fay', orderedAt: T0 - 3 * DAY, fulfilledAt: T0 - 2 * DAY, cancelledAt: null, refunded: false, items, source: 'api' as const };
  await recordOrder(h.db, 'store-a', order, store.settings, h.clock.now);
});
afterEach(() => h.close());

const FORM = 'application/x-www-form-urlencoded';
const review = new URLSearchParams({ rating: '4', body: 'Soft and sturdy.', name: 'Fay' }).toString();
const reviewLink = async (claims: Partial<ReviewClaims> = {}) =>
  `/r/${await signLink({ kind: 'review', store: 'store-a', order: 'ord-1', product: 'tee', exp: Math.floor(T0 / 1000) + 3600, ...claims }, store.linkSecret)}`;
const setProductUrl = (url: string) =>
  h.call('PUT', '/v1/admin/stores/store-a/products/tee', { key: h.a.keys.secretKey, json: { name: 'Organic tee', url } });

/** The page's heading, its links, and whether any form is on it. */
function read(html: string) {
  return {
    heading: html.match(/<h1>([\s\S]*?)<\/h1>/)?.[1],
    links: [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1], label: m[2] })),
    form: /<form\b|<verity-review-form\b/.test(html),
  };
}

describe('GET /r/:token of a closed link', () => {
  it('says the purchase is already reviewed, links back to the product, and shows no form', async () => {
    await setProductUrl('https://shop-a.example/products/tee');
    const link = await reviewLink();
    expect((await h.call('POST', link, { body: review, contentType: FORM })).status).toBe(201);
    const res = await h.call('GET', link);
    expect(res.status).toBe(409);
    expect(read(res.text)).toEqual({
      heading: 'You’ve already reviewed this — thank you',
      links: [{ href: 'https://shop-a.example/products/tee', label: 'Back to Organic tee' }],
      form: false,
    });
    // Scripts still get the stable code.
    expect((await h.call('GET', link, { headers: { accept: 'application/json' } })).body.error.code).toBe('LINK_USED');
  });

  it('says the same to a second submission, and keeps the first review', async () => {
    const link = await reviewLink();
    await h.call('POST', link, { body: review, contentType: FORM });
    const again = await h.call('POST', link, { body: review.replace('rating=4', 'rating=1'), contentType: FORM });
    expect(again.status).toBe(409);
    expect(read(again.text).heading).toBe('You’ve already reviewed this — thank you');
    const list = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews;
    expect(list.map((r: { rating: number }) => r.rating)).toEqual([4]);
  });

  it('says an expired link has expired, in a sentence, with the way back to the store when the product has no page', async () => {
    const res = await h.call('GET', await reviewLink({ exp: Math.floor(T0 / 1000) - 60 }));
    expect(res.status).toBe(410);
    const page = read(res.text);
    expect(page).toMatchObject({ heading: 'This link has expired', links: [{ href: 'https://shop-a.example', label: 'Go to Store store-a' }], form: false });
    expect(res.text).not.toMatch(/<p[^>]*>[a-z]/);
  });

  it('resolves a product page given relative to this server against its public origin', async () => {
    await h.db.run(sql`UPDATE products SET url = '/demo/products/tee' WHERE external_id = 'tee'`);
    const app = createApp({ db: () => h.db, clock: () => h.clock.now, rateLimiter: unlimited, clientAddress: () => undefined, publicUrl: 'http://127.0.0.1:8791', demo: false });
    const res = await app.request(`http://127.0.0.1:8791${await reviewLink({ exp: Math.floor(T0 / 1000) - 60 })}`);
    expect(read(await res.text()).links).toEqual([{ href: 'http://127.0.0.1:8791/demo/products/tee', label: 'Back to Organic tee' }]);
  });

  it('trusts nothing in a forged link: no product, no store, whatever its expiry says', async () => {
    await setProductUrl('https://shop-a.example/products/tee');
    const mac = (await reviewLink()).split('.')[1]!;
    const claims = { kind: 'review', store: 'store-a', order: 'ord-1', product: 'tee', exp: Math.floor(T0 / 1000) - 60 };
    const res = await h.call('GET', `/r/${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.${mac}`);
    expect(res.status).toBe(403);
    expect(read(res.text)).toEqual({ heading: 'This link does not work', links: [], form: false });
  });
});

describe('answer and accept links once closed', () => {
  async function askAndAnswer() {
    const asked = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Does it shrink?', author: { name: 'Asker', email: 'asker@example.com' } } });
    const answered = await h.call('POST', `/v1/stores/store-a/questions/${asked.body.id}/answers`, { json: { body: 'No.', author: { name: 'Helper', email: 'helper@example.com' } } });
    expect([asked.status, answered.status]).toEqual([201, 201]);
    const [answer] = await emailedLinks(h.db, 'a');
    const [accept] = await emailedLinks(h.db, 'accept');
    // The question's page, at whatever public origin the app is configured with.
    const question = (await h.call('GET', `/v1/stores/store-a/questions/${asked.body.id}`)).body.url as string;
    expect(question).toMatch(new RegExp(`/q/store-a/${asked.body.id}$`));
    return { question, answer: answer!, accept: accept! };
  }

  it('an answer link already used says so and links to the question', async () => {
    const { question, answer } = await askAndAnswer();
    const posted = await h.call('POST', answer, { body: 'body=Not+at+all&name=Fay', contentType: FORM });
    expect(posted.status).toBe(201);
    const res = await h.call('GET', answer);
    expect(res.status).toBe(409);
    expect(read(res.text)).toEqual({ heading: 'You’ve already answered this — thank you', links: [{ href: question, label: 'See the question and its answers' }], form: false });
  });

  it('an accept link already used says so and links to the question', async () => {
    const { question, accept } = await askAndAnswer();
    expect((await h.call('POST', accept)).status).toBe(200);
    const res = await h.call('GET', accept);
    expect(res.status).toBe(409);
    expect(read(res.text)).toEqual({ heading: 'You’ve already accepted this answer — thank you', links: [{ href: question, label: 'See the question and its answers' }], form: false });
  });

  it('expired answer and accept links say so and link to the question', async () => {
    const { question, answer, accept } = await askAndAnswer();
    h.clock.advance((store.settings.linkTtlDays + 1) * DAY);
    for (const link of [answer, accept]) {
      const res = await h.call('GET', link);
      expect(res.status).toBe(410);
      expect(read(res.text)).toMatchObject({ heading: 'This link has expired', links: [{ href: question, label: 'See the question and its answers' }], form: false });
    }
  });
});
