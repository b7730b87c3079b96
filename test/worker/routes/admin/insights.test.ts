/** GET /v1/admin/stores/:store/insights: figures from the rollups, for the store's owners and moderators only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../../db/queries/orders';
import { getStore } from '../../../../db/queries/stores';
import { DAY_MS, HOUR_MS } from '../../../../db/time';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { makeReviewInput } from '../../../fixtures/reviews';
import { makeMember, signIn } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';
import { RecordingTransport } from '../../../helpers/transport';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const insights = (query = '', key = h.a.keys.secretKey) => h.call('GET', `/v1/admin/stores/store-a/insights${query}`, { key });

async function review(product: string, rating: number, store = 'store-a') {
  const res = await h.call('POST', `/v1/stores/${store}/products/${product}/reviews`, { json: makeReviewInput({ rating }) });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

describe('GET /v1/admin/stores/:store/insights', () => {
  it('answers weekly ratings, distribution, reply rate and median, and top products from what was written', async () => {
    const key = h.a.keys.secretKey;
    const five = await review('tee', 5);
    const two = await review('tee', 2);
    h.clock.advance(8 * DAY_MS);
    const four = await review('mug', 4);
    const spam = await review('mug', 1);
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${spam}`, { key, json: { status: 'spam' } });
    await review('tote', 1, 'store-b');
    h.clock.advance(2 * HOUR_MS);
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${four}/reply`, { key, json: { body: 'Thank you!' } });
    h.clock.advance(3 * DAY_MS);
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${two}/reply`, { key, json: { body: 'Sorry to hear it.' } });

    // T0 is a Sunday: the first two reviews are in the week of 26 October, the rest in that of 9 November.
    const res = await insights('?weeks=4');
    expect(res.status, res.text).toBe(200);
    const body = res.body;
    expect(body.weeks).toHaveLength(4);
    expect(body.weeks.map((w: { count: number; average: number | null }) => [w.count, w.average])).toEqual([
      [0, null],
      [2, 3.5],
      [0, null],
      [1, 4],
    ]);
    expect(body.totals).toMatchObject({ received: 4, published: 3, average: 3.67, verified: 0, verifiedShare: 0 });
    expect(body.distribution).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 });
    expect(body.replies).toMatchObject({ replied: 2, rate: 0.667 });
    // One reply after 2 h (bucket 1-4 h), one after 11 days and 2 h (7-14 days): the median lies between.
    expect(body.replies.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(2);
    expect(body.replies.medianMs).toBe(4 * HOUR_MS);
    expect(body.products.byVolume).toEqual([
      { id: 'tee', name: 'store-a tee', count: 2, average: 3.5 },
      { id: 'mug', name: 'store-a mug', count: 1, average: 4 },
    ]);
    expect(body.products.lowestRated.map((p: { id: string }) => p.id)).toEqual(['tee', 'mug']);
    expect(five).toBeTruthy();
  });

  it('follows a review request from the email to the opened link to the review', async () => {
    const store = (await getStore(h.db, 'store-a'))!;
    await recordOrder(h.db, 'store-a', {
      externalId: 'o-1', customerEmail: 'bea@example.com', customerName: 'Bea', orderedAt: h.clock.now, fulfilledAt: h.clock.now, cancelledAt: null, refunded: false,
      items: [{ externalId: 'tee', name: 'store-a tee' }, { externalId: 'mug', name: 'store-a mug' }], source: 'api',
    }, store.settings, h.clock.now);
    h.clock.advance(7 * DAY_MS);
    const transport = new RecordingTransport();
    await runScheduler(h.db, { now: h.clock.now, baseUrl: 'https://r.example', transport });
    expect((await insights()).body.funnel).toEqual({ sent: 1, opened: 0, written: 0 });

    // One link per product (its five star links carry the same token with ?rating=N).
    const tokens = [...new Set([...transport.sent[0]!.text.matchAll(/https:\/\/r\.example\/r\/([^\s?]+)/g)].map((m) => m[1]!))];
    expect(tokens).toHaveLength(2);
    await h.call('GET', `/r/${tokens[0]}`);
    await h.call('GET', `/r/${tokens[1]}`);
    expect((await insights()).body.funnel).toEqual({ sent: 1, opened: 1, written: 0 });

    for (const token of tokens) {
      const posted = await h.call('POST', `/r/${token}`, { json: { rating: 4, body: 'Good.', name: 'Bea' } });
      expect(posted.status, posted.text).toBe(201);
    }
    const after = (await insights()).body;
    expect(after.funnel).toEqual({ sent: 1, opened: 1, written: 1 });
    expect(after.totals).toMatchObject({ published: 2, verified: 2, verifiedShare: 1 });
  });

  it('counts unanswered questions and the age of the oldest', async () => {
    const asked = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Does it shrink?', author: { name: 'Q', email: 'q@example.com' } } });
    expect(asked.status, asked.text).toBe(201);
    h.clock.advance(3 * DAY_MS);
    expect((await insights()).body.questions).toMatchObject({ unanswered: 1, oldestAgeMs: 3 * DAY_MS });
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${asked.body.id}/answer`, { key: h.a.keys.secretKey, json: { body: 'No.' } });
    expect((await insights()).body.questions).toEqual({ unanswered: 0, oldestAt: null, oldestAgeMs: null });
  });

  it('refuses a number of weeks outside 1-104 with a message that says so', async () => {
    for (const weeks of ['0', '105', 'many', '2.5']) {
      const res = await insights(`?weeks=${weeks}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.error.message).toContain('weeks must be a whole number from 1 to 104');
    }
  });

  it('answers a moderator of the store, and nothing to a member or key of another store', async () => {
    await review('tee', 5);
    const moderator = await makeMember(h, { store: 'store-a', role: 'moderator' });
    const session = await signIn(h, moderator.email);
    const ok = await h.call('GET', '/v1/admin/stores/store-a/insights', session.as());
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.totals.published).toBe(1);

    const outsider = await makeMember(h, { store: 'store-b', role: 'owner' });
    const other = await signIn(h, outsider.email);
    const refused = await h.call('GET', '/v1/admin/stores/store-a/insights', other.as());
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('totals');
    const wrongKey = await insights('', h.b.keys.secretKey);
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.text).not.toContain('totals');
  });
});
