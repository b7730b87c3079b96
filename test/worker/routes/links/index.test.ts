import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUnsubscribed, recordOrder, type OrderInput } from '../../../../db/queries/orders';
import { getStore } from '../../../../db/queries/stores';
import { orders, outbox, reviewRequests, reviews, unsubscribes, type Store } from '../../../../db/schema';
import { signLink, type ReviewClaims } from '../../../../worker/domain/links';
import { base64url, hmacSha256 } from '../../../../worker/lib/crypto';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { DAY } from '../../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
let storeA: Store;
let storeB: Store;
beforeEach(async () => {
  h = await createHarness();
  storeA = (await getStore(h.db, 'store-a'))!;
  storeB = (await getStore(h.db, 'store-b'))!;
});
afterEach(() => h.close());

const FORM = 'application/x-www-form-urlencoded';
const EXP = Math.floor(T0 / 1000) + 30 * 24 * 60 * 60;

async function placeOrder(overrides: Partial<OrderInput> = {}, store = storeA) {
  return recordOrder(
    h.db,
    store.id,
    {
      externalId: 'ord-1',
      customerEmail: 'Fay@Example.com',
      customerName: 'Fay Gray',
      orderedAt: T0 - 3 * DAY,
      fulfilledAt: T0 - 2 * DAY,
      cancelledAt: null,
      refunded: false,
      items: [{ externalId: 'tee', name: 'Organic tee' }],
      source: 'api',
      ...overrides,
    },
    store.settings,
    h.clock.now,
  );
}

const reviewToken = (claims: Partial<ReviewClaims> = {}, secret = storeA.linkSecret) =>
  signLink({ kind: 'review', store: 'store-a', order: 'ord-1', product: 'tee', exp: EXP, ...claims }, secret);

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const goodForm = { rating: '4', title: 'Soft and sturdy', body: 'Washed it ten times, still **great**.', name: 'Fay G.' };

const publicReviews = async (product = 'tee') => (await h.call('GET', `/v1/stores/store-a/products/${product}/reviews`)).body.reviews;

describe('GET /r/:token', () => {
  it('shows the review form for the product', async () => {
    await placeOrder();
    const token = await reviewToken();
    const res = await h.call('GET', `/r/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).toContain('How do you like Organic tee?');
    expect(res.text).toContain(`<form method="post" action="/r/${token}"`);
    expect(res.text).toContain('name="rating"');
    expect(res.text).toContain('value="Fay Gray"');
  });

  it('links back to the product outside the form, so the thanks shown in place after a scripted submit keeps a way back', async () => {
    await placeOrder();
    await h.call('PUT', '/v1/admin/stores/store-a/products/tee', { key: h.a.keys.secretKey, json: { name: 'Organic tee', url: 'https://shop-a.example/products/tee' } });
    const res = await h.call('GET', `/r/${await reviewToken()}`);
    // <verity-review-form> replaces what it wraps and thanks the buyer inside itself: the link must sit after it.
    const after = res.text.slice(res.text.indexOf('</verity-review-form>'));
    expect(after).toContain('<a href="https://shop-a.example/products/tee">Back to Organic tee</a>');
  });

  it('escapes HTML in the product name', async () => {
    await placeOrder();
    const put = await h.call('PUT', '/v1/admin/stores/store-a/products/evil', { key: h.a.keys.secretKey, json: { name: '<img src=x onerror=alert(1)>' } });
    expect(put.status).toBeLessThan(300);
    const res = await h.call('GET', `/r/${await reviewToken({ product: 'evil' })}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('How do you like &lt;img src=x onerror=alert(1)&gt;?');
    expect(res.text).toContain('<title>Review &lt;img src=x onerror=alert(1)&gt; — Store store-a</title>');
  });

  it('answers 410 for an expired link', async () => {
    await placeOrder();
    const res = await h.call('GET', `/r/${await reviewToken({ exp: Math.floor(T0 / 1000) - 60 })}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link has expired');
  });

  it('answers 403 for a link whose payload was changed', async () => {
    await placeOrder({ items: [{ externalId: 'tee', name: 'Organic tee' }, { externalId: 'mug', name: 'Mug' }] });
    const token = await reviewToken();
    const mac = token.split('.')[1]!;
    const changed = base64url(new TextEncoder().encode(JSON.stringify({ kind: 'review', store: 'store-a', order: 'ord-1', product: 'mug', exp: EXP })));
    const res = await h.call('GET', `/r/${changed}.${mac}`);
    expect(res.status).toBe(403);
    expect(res.text).toContain('This link does not work');
    expect((await h.call('GET', `/r/${changed}.${mac}`, { headers: { accept: 'application/json' } })).body.error.code).toBe('INVALID_LINK');
  });

  it('answers 403 for a link signed with another secret', async () => {
    await placeOrder();
    expect((await h.call('GET', `/r/${await reviewToken({}, 'link_not-the-store-secret')}`)).status).toBe(403);
  });

  it("answers 403 for a link claiming store A signed with store B's secret", async () => {
    await placeOrder();
    await placeOrder({}, storeB);
    const res = await h.call('GET', `/r/${await reviewToken({}, storeB.linkSecret)}`);
    expect(res.status).toBe(403);
    const post = await h.call('POST', `/r/${await reviewToken({}, storeB.linkSecret)}`, { body: form(goodForm), contentType: FORM });
    expect(post.status).toBe(403);
    expect(await h.db.select().from(reviews)).toEqual([]);
  });

  it('answers 403 for garbage tokens and other kinds of link', async () => {
    expect((await h.call('GET', '/r/not-a-token')).status).toBe(403);
    const unsub = await signLink({ kind: 'unsubscribe', store: 'store-a', email: 'fay@example.com', exp: EXP }, storeA.linkSecret);
    expect((await h.call('GET', `/r/${unsub}`)).status).toBe(403);
  });

  it("answers 403 for a cancelled order's link", async () => {
    await placeOrder();
    await placeOrder({ cancelledAt: T0 - DAY });
    const token = await reviewToken();
    const res = await h.call('GET', `/r/${token}`);
    expect(res.status).toBe(403);
    expect(res.text).toContain('cancelled or refunded');
    const post = await h.call('POST', `/r/${token}`, { body: form(goodForm), contentType: FORM });
    expect(post.status).toBe(403);
    expect(await h.db.select().from(reviews)).toEqual([]);
  });

  it("answers 403 for an unknown order's link", async () => {
    expect((await h.call('GET', `/r/${await reviewToken({ order: 'never-placed' })}`)).status).toBe(403);
  });
});

describe('POST /r/:token', () => {
  it('publishes a verified review from the form and thanks the buyer', async () => {
    await placeOrder();
    const token = await reviewToken();
    const res = await h.call('POST', `/r/${token}`, { body: form(goodForm), contentType: FORM });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('Thank you for your review');
    expect(res.text).toContain('Your verified review of Organic tee is published.');

    const list = await publicReviews();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ rating: 4, title: 'Soft and sturdy', author: { name: 'Fay G.' }, verified: true, verification: 'order' });
    const [row] = await h.db.select().from(reviews);
    expect(row).toMatchObject({ orderId: 'ord-1', authorEmail: 'fay@example.com', verified: true, status: 'published' });
  });

  it('refuses a second review through the same link with 409', async () => {
    await placeOrder();
    const token = await reviewToken();
    expect((await h.call('POST', `/r/${token}`, { body: form(goodForm), contentType: FORM })).status).toBe(201);
    const again = await h.call('POST', `/r/${token}`, { body: form({ ...goodForm, rating: '1' }), contentType: FORM });
    expect(again.status).toBe(409);
    expect(again.text).toContain('You’ve already reviewed this — thank you');
    const list = await publicReviews();
    expect(list.map((r: { rating: number }) => r.rating)).toEqual([4]);
  });

  it('answers JSON to a JSON request', async () => {
    await placeOrder();
    const token = await reviewToken();
    const res = await h.call('POST', `/r/${token}`, { json: { rating: 5, body: 'Lovely.', name: 'Fay' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rv_/), status: 'published', verified: true, verification: 'order' });
    const again = await h.call('POST', `/r/${token}`, { json: { rating: 5, body: 'Again.', name: 'Fay' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');
  });

  it('re-renders the form with 400 and the typed text when the rating is missing', async () => {
    await placeOrder();
    const token = await reviewToken();
    const { rating: _r, ...noRating } = goodForm;
    const res = await h.call('POST', `/r/${token}`, { body: form({ ...noRating, body: 'I typed all of this & more' }), contentType: FORM });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="error" role="alert" id="form-error">choose a rating from 1 to 5 stars</p>');
    expect(res.text).toContain('>I typed all of this &amp; more</textarea>');
    expect(res.text).toContain('value="Soft and sturdy"');
    expect(res.text).toContain(`<form method="post" action="/r/${token}"`);
    expect(await h.db.select().from(reviews)).toEqual([]);

    // The link still works afterwards.
    expect((await h.call('POST', `/r/${token}`, { body: form(goodForm), contentType: FORM })).status).toBe(201);
  });

  it('answers a JSON validation error as JSON 400', async () => {
    await placeOrder();
    const res = await h.call('POST', `/r/${await reviewToken()}`, { json: { body: 'No stars', name: 'Fay' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'choose a rating from 1 to 5 stars' });
  });

  it('answers 400, not a server error, to a JSON body that is not an object', async () => {
    await placeOrder();
    const token = await reviewToken();
    for (const body of ['null', '"five stars"']) {
      const res = await h.call('POST', `/r/${token}`, { body, contentType: 'application/json' });
      expect(res.status, body).toBe(400);
      expect(res.body.error.code, body).toBe('VALIDATION_FAILED');
    }
    expect(await h.db.select().from(reviews)).toEqual([]);
  });

  it('refuses an expired link with 410 and stores nothing', async () => {
    await placeOrder();
    const res = await h.call('POST', `/r/${await reviewToken({ exp: Math.floor(T0 / 1000) - 1 })}`, { body: form(goodForm), contentType: FORM });
    expect(res.status).toBe(410);
    expect(await h.db.select().from(reviews)).toEqual([]);
  });
});

describe('/u/:token', () => {
  const unsubscribeToken = (email = 'Fay@Example.com', secret = storeA.linkSecret, exp = EXP) => signLink({ kind: 'unsubscribe', store: 'store-a', email, exp }, secret);

  /** The unsubscribe link of the review request emailed for an order of Fay's, as it sits in the outbox. */
  async function emailedUnsubscribeLink(): Promise<string> {
    await placeOrder();
    h.clock.advance(7 * DAY);
    await runScheduler(h.db, { now: h.clock.now, baseUrl: 'https://reviews.example', transport: { name: 'none', send: async () => {} } });
    const [message] = await h.db.select().from(outbox);
    const header = message!.headers['List-Unsubscribe']!.slice(1, -1);
    expect(message!.text).toContain(header);
    return new URL(header).pathname;
  }

  /** The email as base64 or base64url at each of the three byte alignments it can have inside a longer string. */
  const base64Forms = (email: string) =>
    [0, 1, 2].flatMap((pad) => {
      const b64 = Buffer.from('\0'.repeat(pad) + email).toString('base64');
      const stable = b64.slice(Math.ceil((pad * 4) / 3) + 1, -4);
      return [stable, stable.replace(/\+/g, '-').replace(/\//g, '_')];
    });

  it('carries no readable email: not in plain, base64 or base64url, nor inside the decoded token', async () => {
    const path = await emailedUnsubscribeLink();
    const token = path.slice('/u/'.length);
    const decoded = token.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
    const claims = JSON.parse(decoded[0]!) as Record<string, unknown>;
    const insideClaims = Object.values(claims).filter((v): v is string => typeof v === 'string').map((v) => Buffer.from(v, 'base64url').toString('latin1'));
    for (const text of [path, decodeURIComponent(path), ...decoded, ...insideClaims]) {
      expect(text.toLowerCase()).not.toContain('fay@example.com');
      expect(text.toLowerCase()).not.toContain('fay');
    }
    for (const form of base64Forms('fay@example.com')) expect(token).not.toContain(form);
    expect(claims).toMatchObject({ kind: 'unsubscribe', store: 'store-a' });
  });

  it('works for a year after the email is sent, by one-click POST too, then expires', async () => {
    const path = await emailedUnsubscribeLink();
    h.clock.advance(364 * DAY);
    expect((await h.call('GET', path)).status).toBe(200);
    h.clock.advance(2 * DAY);
    const expired = await h.call('POST', path, { body: 'List-Unsubscribe=One-Click', contentType: FORM });
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This unsubscribe link has expired');
    expect(expired.text).toContain('Store store-a');
    expect(expired.text.toLowerCase()).not.toContain('fay@example.com');
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(false);
    expect((await h.call('GET', path, { headers: { accept: 'application/json' } })).body.error.code).toBe('LINK_EXPIRED');
  });

  it('unsubscribes by the emailed one-click link', async () => {
    const path = await emailedUnsubscribeLink();
    const res = await h.call('POST', path, { body: 'List-Unsubscribe=One-Click', contentType: FORM });
    expect(res.status).toBe(200);
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(true);
  });

  it('explains a damaged link in words for a person', async () => {
    const token = await unsubscribeToken();
    const [payload, mac] = token.split('.') as [string, string];
    for (const broken of [token.slice(0, -20), `${payload.slice(0, -4)}AAAA.${mac}`, 'not-a-token']) {
      const res = await h.call('GET', `/u/${broken}`);
      expect(res.status).toBe(403);
      expect(res.text).toContain('This unsubscribe link does not work');
      expect(res.text).toContain('copy the whole link');
    }
  });

  it('refuses an unsubscribe link in the old form that carried the address in clear and never expired', async () => {
    const payload = base64url(new TextEncoder().encode(JSON.stringify({ kind: 'unsubscribe', store: 'store-a', email: 'fay@example.com' })));
    const mac = base64url(await hmacSha256(storeA.linkSecret, payload));
    const res = await h.call('POST', `/u/${payload}.${mac}`, { body: 'List-Unsubscribe=One-Click', contentType: FORM });
    expect(res.status).toBe(403);
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(false);
  });

  it('shows a confirmation form on GET with the address masked, and changes nothing', async () => {
    const token = await unsubscribeToken();
    const res = await h.call('GET', `/u/${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Stop review requests?');
    expect(res.text).toContain('F***@Example.com');
    expect(res.text.toLowerCase()).not.toContain('fay@example.com');
    expect(res.text).toContain(`<form method="post" action="/u/${token}">`);
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(false);
  });

  it('unsubscribes on POST and suppresses pending requests', async () => {
    const order = await placeOrder();
    const [request] = await h.db.select().from(reviewRequests).where(eq(reviewRequests.orderId, order.id));
    expect(request!.status).toBe('scheduled');

    const res = await h.call('POST', `/u/${await unsubscribeToken()}`, { body: 'confirm=yes', contentType: FORM });
    expect(res.status).toBe(200);
    expect(res.text).toContain('You are unsubscribed');
    expect(res.text).toContain('F***@Example.com');
    expect(res.text.toLowerCase()).not.toContain('fay@example.com');
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(true);
    expect(await isUnsubscribed(h.db, 'store-b', 'fay@example.com')).toBe(false);
    expect(await h.db.select({ storeId: unsubscribes.storeId, email: unsubscribes.email }).from(unsubscribes)).toEqual([{ storeId: 'store-a', email: 'fay@example.com' }]);
    const [after] = await h.db.select().from(reviewRequests).where(eq(reviewRequests.orderId, order.id));
    expect(after!.status).toBe('suppressed');
  });

  it('accepts the RFC 8058 one-click POST', async () => {
    const res = await h.call('POST', `/u/${await unsubscribeToken('one@example.com')}`, { body: 'List-Unsubscribe=One-Click', contentType: FORM });
    expect(res.status).toBe(200);
    expect(await isUnsubscribed(h.db, 'store-a', 'one@example.com')).toBe(true);
    // Twice is fine.
    expect((await h.call('POST', `/u/${await unsubscribeToken('one@example.com')}`, { body: 'List-Unsubscribe=One-Click', contentType: FORM })).status).toBe(200);
  });

  it('refuses a forged unsubscribe link with 403', async () => {
    const res = await h.call('POST', `/u/${await unsubscribeToken('fay@example.com', storeB.linkSecret)}`, { body: 'List-Unsubscribe=One-Click', contentType: FORM });
    expect(res.status).toBe(403);
    expect(await isUnsubscribed(h.db, 'store-a', 'fay@example.com')).toBe(false);
    const review = await reviewToken();
    expect((await h.call('POST', `/u/${review}`, { body: 'List-Unsubscribe=One-Click', contentType: FORM })).status).toBe(403);
  });
});

describe('links and order state', () => {
  it('a refunded order makes its link stop working', async () => {
    await placeOrder();
    await placeOrder({ refunded: true });
    const [row] = await h.db.select().from(orders).where(and(eq(orders.storeId, 'store-a'), eq(orders.externalId, 'ord-1')));
    expect(row!.status).toBe('refunded');
    expect((await h.call('GET', `/r/${await reviewToken()}`)).status).toBe(403);
  });
});
