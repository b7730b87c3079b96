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

  it('refuses a number of weeks outside 1-104 (or all) with a message that says so', async () => {
    for (const weeks of ['0', '105', 'many', '2.5', 'ALL']) {
      const res = await insights(`?weeks=${weeks}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.error.message).toContain('weeks must be a whole number from 1 to 104, or all');
    }
  });

  it('answers all time by calendar month, with the 2023 and 2024 history an import brought', async () => {
    const history = [
      'id,source,product_id,rating,body,author_name,created_at,status,verified',
      'rv_h1,verity,tee,5,Great.,Ana,2023-03-15T10:00:00Z,published,false',
      'rv_h2,verity,tee,2,Meh.,Ben,2023-03-31T23:30:00Z,published,false',
      'rv_h3,verity,mug,1,Buy now!,Spam,2023-04-01T00:10:00Z,spam,false',
      'rv_h4,judgeme,mug,4,Good.,Cleo,2024-07-31T23:00:00Z,published,true',
    ].join('\n');
    const started = await h.call('POST', '/v1/admin/stores/store-a/imports?vendor=verity', { key: h.a.keys.secretKey, body: history, contentType: 'text/csv' });
    expect(started.status, started.text).toBe(202);
    await expect.poll(async () => (await h.call('GET', `/v1/admin/stores/store-a/imports/${started.body.job.id}`, { key: h.a.keys.secretKey })).body.job.imported).toBe(4);
    await review('tee', 3);

    // The last 52 weeks know nothing of it.
    expect((await insights('?weeks=52')).body.totals.published).toBe(1);

    const res = await insights('?weeks=all');
    expect(res.status, res.text).toBe(200);
    const body = res.body;
    expect(body.from).toBe('2023-03-01');
    expect(body.weeks).toEqual([]);
    // Every month from the first review's to this one (T0 is 1 November 2026), the empty ones too.
    expect(body.months).toHaveLength(45);
    expect(body.months[0]).toEqual({ month: '2023-03', received: 2, count: 2, average: 3.5, verified: 0 });
    // By calendar month, not by week: the review of 31 March is March's, though its week (from 27 March) is mostly April.
    expect(body.months[1]).toEqual({ month: '2023-04', received: 1, count: 0, average: null, verified: 0 });
    expect(body.months[2]).toEqual({ month: '2023-05', received: 0, count: 0, average: null, verified: 0 });
    expect(body.months.find((m: { month: string }) => m.month === '2024-07')).toEqual({ month: '2024-07', received: 1, count: 1, average: 4, verified: 1 });
    expect(body.months.at(-1)).toEqual({ month: '2026-11', received: 1, count: 1, average: 3, verified: 0 });
    expect(body.totals).toEqual({ received: 5, published: 4, average: 3.5, verified: 1, verifiedShare: 0.25 });
    expect(body.distribution).toEqual({ 1: 0, 2: 1, 3: 1, 4: 1, 5: 1 });
  });

  it('reads all time from the rollups, never from the reviews themselves', async () => {
    // Rollup rows for 2019 with no review behind them: only a read of the rollups can see them.
    await h.client.executeMultiple(`
      INSERT INTO store_weekly_stats (store_id, week_start, received, published, rating_sum, r4, verified) VALUES ('store-a', ${Date.UTC(2019, 4, 6)}, 7, 6, 24, 6, 2);
      INSERT INTO store_monthly_moderation (store_id, month, received, published, verified, rating_sum) VALUES ('store-a', '2019-05', 7, 6, 2, 24);
    `);
    const body = (await insights('?weeks=all')).body;
    expect(body.from).toBe('2019-05-01');
    expect(body.months[0]).toEqual({ month: '2019-05', received: 7, count: 6, average: 4, verified: 2 });
    expect(body.totals).toMatchObject({ received: 7, published: 6, average: 4, verified: 2 });
  });

  it('answers all time for a store with no reviews yet: this month, empty', async () => {
    const body = (await insights('?weeks=all')).body;
    expect(body).toMatchObject({ from: '2026-11-01', weeks: [], months: [{ month: '2026-11', received: 0, count: 0, average: null, verified: 0 }] });
    expect(body.totals).toMatchObject({ published: 0, average: null });
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
