/** The whole verified-purchase loop on a fake clock: order → request email → link → verified review. */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder, type OrderInput } from '../../../db/queries/orders';
import { getStore } from '../../../db/queries/stores';
import type { OutboxMessage } from '../../../db/schema';
import { runScheduler } from '../../../worker/domain/review-requests';
import { createHarness, type Harness } from '../../helpers/harness';
import { RecordingTransport } from '../../helpers/transport';

const DAY = 24 * 60 * 60 * 1000;
const BASE = 'https://reviews.shop-a.example';

let h: Harness;
let transport: RecordingTransport;
beforeEach(async () => {
  h = await createHarness();
  transport = new RecordingTransport();
});
afterEach(() => h.close());

const order = (overrides: Partial<OrderInput> = {}): OrderInput => ({
  externalId: 'order-1',
  customerEmail: 'Buyer@Example.com',
  customerName: 'Bea Buyer',
  orderedAt: h.clock.now - 3 * DAY,
  fulfilledAt: h.clock.now,
  cancelledAt: null,
  refunded: false,
  items: [
    { externalId: 'tee', name: 'store-a tee' },
    { externalId: 'mug', name: 'store-a mug' },
  ],
  source: 'api',
  ...overrides,
});

async function place(overrides: Partial<OrderInput> = {}) {
  const store = (await getStore(h.db, 'store-a'))!;
  return recordOrder(h.db, 'store-a', order(overrides), store.settings, h.clock.now);
}

const run = () => runScheduler(h.db, { now: h.clock.now, baseUrl: BASE, transport });

// Each product's link once: its star links are the same link with ?rating=.
const linksIn = (m: OutboxMessage) => [...new Set([...m.text.matchAll(/https:\/\/reviews\.shop-a\.example\/r\/([^\s?]+)/g)].map((x) => x[1]!))];

describe('review requests', () => {
  it('emails once after the delay, the link writes a verified review, and no reminder follows', async () => {
    await place();
    expect(await run()).toMatchObject({ requested: 0, sent: 0 });
    h.clock.advance(7 * DAY - 1000);
    expect((await run()).requested).toBe(0);
    h.clock.advance(1000);
    expect(await run()).toMatchObject({ requested: 1, sent: 1 });

    const [email] = transport.sent;
    expect(email!.toAddress).toBe('buyer@example.com');
    expect(email!.subject).toBe('How do you like store-a mug and store-a tee?');
    expect(email!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(email!.headers['List-Unsubscribe']).toMatch(/^<https:\/\/reviews\.shop-a\.example\/u\//);
    expect(email!.html).toContain('store-a mug');
    const tokens = linksIn(email!);
    expect(tokens).toHaveLength(2);

    // Follow the first link (mug sorts first) as the buyer would.
    const page = await h.call('GET', `/r/${tokens[0]}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('store-a mug');
    expect(page.text).toContain('value="Bea Buyer"');
    const posted = await h.call('POST', `/r/${tokens[0]}`, {
      body: new URLSearchParams({ rating: '5', title: 'Lovely', body: 'Holds **a lot** of tea.', name: 'Bea B.' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(posted.status, posted.text).toBe(201);
    const list = await h.call('GET', '/v1/stores/store-a/products/mug/reviews');
    expect(list.body.reviews[0]).toMatchObject({ rating: 5, author: { name: 'Bea B.' }, verified: true, verification: 'order' });
    expect(list.body.summary.verifiedCount).toBe(1);
    expect(list.text).not.toContain('buyer@example.com');

    // The link is single use.
    const again = await h.call('POST', `/r/${tokens[0]}`, { json: { rating: 1, body: 'again', name: 'x' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');

    // The mug is reviewed: the reminder asks about the tee only.
    h.clock.advance(8 * DAY);
    // What goes out: the link to edit the review just written, and the reminder for the tee.
    expect(await run()).toMatchObject({ reminded: 1, sent: 2 });
    expect(transport.sent.map((m) => m.subject)).toContain('Your review of store-a mug — edit or delete it');
    const reminder = transport.sent.find((m) => m.subject.startsWith('A quick reminder'))!;
    expect(reminder.html).toContain('store-a tee');
    expect(reminder.html).not.toContain('store-a mug');
    expect(reminder.subject).toBe('A quick reminder: how is store-a tee?');
  });

  it('sends no reminder when every product of the order is reviewed', async () => {
    await place();
    h.clock.advance(7 * DAY);
    await run();
    for (const token of linksIn(transport.sent[0]!)) {
      const posted = await h.call('POST', `/r/${token}`, { json: { rating: 4, body: 'Good.', name: 'Bea' } });
      expect(posted.status, posted.text).toBe(201);
    }
    h.clock.advance(8 * DAY);
    // Only the two edit links go out: no reminder.
    expect(await run()).toMatchObject({ reminded: 0, skipped: 1, sent: 2 });
    expect(transport.sent.filter((m) => m.subject.startsWith('A quick reminder'))).toEqual([]);
  });

  it('writes in the order’s language, else in the store’s', async () => {
    await place({ locale: 'de-DE' });
    await place({ externalId: 'order-2', customerEmail: 'cy@example.com' });
    const patched = await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { locale: 'fr', accentColor: '#0f766e' } });
    expect(patched.status, patched.text).toBe(200);
    h.clock.advance(7 * DAY);
    await run();
    const byTo = new Map(transport.sent.map((m) => [m.toAddress, m]));
    const german = byTo.get('buyer@example.com')!;
    expect(german.subject).toBe('Wie gefällt Ihnen store-a mug und store-a tee?');
    expect(german.html).toContain('<html lang="de">');
    expect(german.text).toContain('Hallo Bea Buyer,');
    expect(german.headers['List-Unsubscribe']).toMatch(/\?lang=de>$/);
    const french = byTo.get('cy@example.com')!;
    expect(french.subject).toBe('Que pensez-vous de store-a mug et store-a tee ?');
    expect(french.html).toContain('#0f766e');
  });

  it('sends one reminder when nothing was written, and never a second', async () => {
    await place();
    h.clock.advance(7 * DAY);
    await run();
    h.clock.advance(7 * DAY);
    expect(await run()).toMatchObject({ reminded: 1, sent: 1 });
    expect(transport.sent[1]!.subject).toMatch(/reminder/i);
    h.clock.advance(30 * DAY);
    await run();
    expect(transport.sent).toHaveLength(2);
  });

  it('never emails an address that unsubscribed, including by one-click', async () => {
    await place();
    h.clock.advance(7 * DAY);
    await run();
    const unsubscribeUrl = transport.sent[0]!.headers['List-Unsubscribe']!.slice(1, -1);
    const oneClick = await h.call('POST', new URL(unsubscribeUrl).pathname, {
      body: 'List-Unsubscribe=One-Click',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(oneClick.status).toBe(200);
    // A later order to the same address is not emailed either.
    await place({ externalId: 'order-2' });
    h.clock.advance(30 * DAY);
    await run();
    expect(transport.sent).toHaveLength(1);
  });

  it('stops the request of a cancelled or refunded order', async () => {
    await place();
    await place({ externalId: 'order-2' });
    await place({ cancelledAt: h.clock.now + 1000 });
    await place({ externalId: 'order-2', refunded: true });
    h.clock.advance(30 * DAY);
    expect(await run()).toMatchObject({ requested: 0, sent: 0 });
  });

  it('keeps a message through provider failures and sends it exactly once', async () => {
    await place();
    h.clock.advance(7 * DAY);
    transport.failNext = 2;
    expect(await run()).toMatchObject({ requested: 1, sent: 0, retrying: 1 });
    // Not due again until the backoff has passed.
    expect(await run()).toMatchObject({ sent: 0, retrying: 0 });
    h.clock.advance(60_000);
    expect(await run()).toMatchObject({ retrying: 1 });
    h.clock.advance(120_000);
    expect(await run()).toMatchObject({ sent: 1 });
    h.clock.advance(DAY);
    await run();
    expect(transport.sent).toHaveLength(1);
    const [row] = await h.db.all<{ status: string; attempts: number }>(sql`SELECT status, attempts FROM outbox`);
    expect(row).toEqual({ status: 'sent', attempts: 3 });
  });

  it('sends once when two schedulers run at the same time', async () => {
    for (let i = 0; i < 5; i++) await place({ externalId: `order-${i}` });
    h.clock.advance(7 * DAY);
    const reports = await Promise.all([run(), run(), run()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(5);
    expect(transport.sent).toHaveLength(5);
    expect(new Set(transport.sent.map((m) => m.toAddress)).size).toBe(1);
    const [{ n }] = (await h.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox`)) as [{ n: number }];
    expect(n).toBe(5);
  });

  it('refuses unverified reviews when the store accepts only verified ones, but not link reviews', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { acceptUnverified: false, requestDelayDays: 0 } });
    const anonymous = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', {
      json: { rating: 5, body: 'hi', author: { name: 'x', email: 'x@example.com' } },
    });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.message).toMatch(/only verified reviews/);
    await place();
    await run();
    const token = linksIn(transport.sent[0]!)[1]!;
    const res = await h.call('POST', `/r/${token}`, { json: { rating: 3, body: 'fine tee', name: 'Bea' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'published', verified: true, verification: 'order' });
  });
});
