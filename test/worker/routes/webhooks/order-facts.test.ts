/**
 * Facts about an order (created, fulfilled, cancelled, refunded, deleted) reach Verity in whatever
 * order the platform's queues deliver them. Whether a review request goes out must depend on the
 * facts only: each test feeds the same facts in every arrival order and expects one outcome.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../../db/schema';
import type { EmailTransport } from '../../../../worker/email/transport';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { DAY, iso, makeOrder, orderOutcome, orderSenders, permutations, shopifyOrder, wooOrder, webhookHarness } from '../../../fixtures/orders';
import { T0, type CallResult, type Harness } from '../../../helpers/harness';

let h: Harness;
let send: ReturnType<typeof orderSenders>;
beforeEach(async () => {
  ({ h, send } = await webhookHarness());
});
afterEach(() => h.close());

/** One delivery of one fact about the order `id`. */
type Fact = { name: string; deliver: (id: number) => Promise<CallResult> };

/**
 * Delivers `facts` in every order, each ordering to a fresh order id (`first`, `first + 1`, …), and
 * returns each ordering's outcome with its name, e.g. "refunded, created, fulfilled".
 */
async function inEveryOrder(facts: Fact[], first: number) {
  const results: Array<{ order: string; outcome: Awaited<ReturnType<typeof orderOutcome>> }> = [];
  for (const [i, ordering] of permutations(facts).entries()) {
    const id = first + i;
    for (const fact of ordering) {
      const res = await fact.deliver(id);
      expect(res.status, `${fact.name} of ${id}: ${res.text}`).toBe(200);
    }
    results.push({ order: ordering.map((f) => f.name).join(', '), outcome: await orderOutcome(h, String(id)) });
  }
  return results;
}

/** What decides the emails first (so a failure names the ordering that would email), then every fact. */
function expectOneOutcome(results: Awaited<ReturnType<typeof inEveryOrder>>, expected: Record<string, unknown>) {
  const decisive = (o: Record<string, unknown>) => ({ status: o.status, pending: o.pending });
  for (const { order, outcome } of results) expect(decisive(outcome), order).toEqual(decisive(expected));
  for (const { order, outcome } of results) expect(outcome, order).toEqual(expected);
}

describe('Shopify facts in any arrival order', () => {
  const ordered = Date.parse('2026-10-20T14:00:00Z');
  const fulfilledAt = Date.parse('2026-10-22T10:00:00Z');
  const cancelledAt = Date.parse('2026-10-25T10:00:00Z');
  const refundedAt = Date.parse('2026-10-26T10:00:00Z');

  const created: Fact = { name: 'created', deliver: (id) => send.shopify(shopifyOrder({ id, fulfillment_status: null }), 'orders/create') };
  const fulfilled: Fact = {
    name: 'fulfilled',
    deliver: (id) => send.shopify(shopifyOrder({ id, fulfillments: [{ created_at: iso(fulfilledAt), status: 'success' }] }), 'orders/fulfilled'),
  };
  const cancelled: Fact = {
    name: 'cancelled',
    deliver: (id) => send.shopify(shopifyOrder({ id, fulfillment_status: null, cancelled_at: iso(cancelledAt) }), 'orders/cancelled'),
  };
  const refunded: Fact = {
    name: 'refunded',
    deliver: (id) => send.shopify({ id: 890088186, order_id: id, created_at: iso(refundedAt), refund_line_items: [] }, 'refunds/create'),
  };
  const deleted: Fact = { name: 'deleted', deliver: (id) => send.shopify({ id }, 'orders/delete') };

  const known = {
    customerEmail: 'bob@example.com',
    customerName: 'Bob Norman',
    orderedAt: ordered,
    source: 'shopify',
    test: false,
    items: ['123'],
  };

  it('never requests a review of an order refunded before it was recorded, and nothing is ever emailed', async () => {
    const refund = await refunded.deliver(450789469);
    expect(refund.status).toBe(200);
    expect((await fulfilled.deliver(450789469)).status).toBe(200);
    expect(await orderOutcome(h, '450789469')).toMatchObject({ status: 'refunded', pending: [] });

    const sent: OutboxMessage[] = [];
    const transport: EmailTransport = { name: 'recording', send: async (m) => void sent.push(m) };
    h.clock.advance(30 * DAY);
    await runScheduler(h.db, { now: h.clock.now, baseUrl: 'https://reviews.example', transport });
    expect(sent).toEqual([]);

    expect(refund.body).toEqual({ received: true, order: { id: '450789469', status: 'refunded' } });
    expect(await orderOutcome(h, '450789469')).toEqual({
      ...known,
      status: 'refunded',
      fulfilledAt,
      cancelledAt: null,
      refundedAt,
      deletedAt: null,
      pending: [],
    });
  });

  it('schedules one request for created + fulfilled, whichever comes first', async () => {
    expectOneOutcome(await inEveryOrder([created, fulfilled], 1000), {
      ...known,
      status: 'fulfilled',
      fulfilledAt,
      cancelledAt: null,
      refundedAt: null,
      deletedAt: null,
      pending: [{ status: 'scheduled', sendAt: fulfilledAt + 7 * DAY, reminderAt: fulfilledAt + 14 * DAY }],
    });
  });

  it('stops the request for created + fulfilled + refunded in all 6 orders', async () => {
    const results = await inEveryOrder([created, fulfilled, refunded], 2000);
    expect(results).toHaveLength(6);
    expectOneOutcome(results, { ...known, status: 'refunded', fulfilledAt, cancelledAt: null, refundedAt, deletedAt: null, pending: [] });
  });

  it('keeps all five facts and stops the request in all 120 orders', async () => {
    const results = await inEveryOrder([created, fulfilled, cancelled, refunded, deleted], 3000);
    expect(results).toHaveLength(120);
    expectOneOutcome(results, { ...known, status: 'refunded', fulfilledAt, cancelledAt, refundedAt, deletedAt: T0, pending: [] });
  });
});

describe('WooCommerce facts in any arrival order', () => {
  const fulfilledAt = Date.UTC(2026, 9, 2, 10, 0, 0);
  const refundedAt = Date.UTC(2026, 9, 5, 10, 0, 0);
  const known = {
    customerEmail: 'cara@example.com',
    customerName: 'Cara Diaz',
    orderedAt: Date.UTC(2026, 9, 1, 10, 0, 0),
    source: 'woocommerce',
    test: false,
    items: ['93'],
    cancelledAt: null,
  };
  const created: Fact = { name: 'created', deliver: (id) => send.woo(wooOrder({ id, status: 'processing', date_completed_gmt: null }), 'order.created') };
  const completed: Fact = { name: 'completed', deliver: (id) => send.woo(wooOrder({ id }), 'order.updated') };
  const refunded: Fact = {
    name: 'refunded',
    deliver: (id) => send.woo(wooOrder({ id, status: 'refunded', date_modified_gmt: '2026-10-05T10:00:00' }), 'order.updated'),
  };
  const deleted: Fact = { name: 'deleted', deliver: (id) => send.woo({ id }, 'order.deleted') };

  it('stops the request for created + completed + deleted in all 6 orders', async () => {
    expectOneOutcome(await inEveryOrder([created, completed, deleted], 100), {
      ...known,
      status: 'cancelled',
      fulfilledAt,
      refundedAt: null,
      deletedAt: T0,
      pending: [],
    });
  });

  it('keeps every fact and stops the request for created + completed + refunded + deleted in all 24 orders', async () => {
    const results = await inEveryOrder([created, completed, refunded, deleted], 200);
    expect(results).toHaveLength(24);
    expectOneOutcome(results, { ...known, status: 'refunded', fulfilledAt, refundedAt, deletedAt: T0, pending: [] });
  });
});

describe('generic webhook and import facts in any arrival order', () => {
  const fulfilledAt = T0 - 2 * DAY;
  const base = (id: number) => makeOrder({ id: String(id), customer: { email: 'gen@example.com', name: 'Gen' }, fulfilledAt: null });
  const generic = (name: string, extra: Record<string, string>): Fact => ({ name, deliver: (id) => send.generic({ ...base(id), ...extra }) });
  const known = { customerEmail: 'gen@example.com', customerName: 'Gen', orderedAt: T0 - 3 * DAY, test: false, items: ['mug', 'tee'] };

  it('keeps all five facts and stops the request in all 120 orders', async () => {
    const results = await inEveryOrder(
      [
        generic('created', {}),
        generic('fulfilled', { fulfilledAt: iso(fulfilledAt) }),
        generic('cancelled', { cancelledAt: iso(T0 - DAY) }),
        generic('refunded', { refundedAt: iso(T0 - DAY / 2) }),
        generic('deleted', { deletedAt: iso(T0 - DAY / 4) }),
      ],
      10_000,
    );
    expectOneOutcome(results, {
      ...known,
      source: 'api',
      status: 'refunded',
      fulfilledAt,
      cancelledAt: T0 - DAY,
      refundedAt: T0 - DAY / 2,
      deletedAt: T0 - DAY / 4,
      pending: [],
    });
  });

  it('a Shopify refund keeps an imported order from being requested, whichever arrives first', async () => {
    const imported: Fact = { name: 'imported', deliver: (id) => send.importJson([{ ...base(id), fulfilledAt: iso(fulfilledAt) }]) };
    const refund: Fact = { name: 'refunded', deliver: (id) => send.shopify({ id: 1, order_id: id, created_at: iso(T0 - DAY), refund_line_items: [] }, 'refunds/create') };
    // The source names whoever told Verity of the order first; it decides nothing.
    const results = (await inEveryOrder([imported, refund], 20_000)).map(({ order, outcome }) => {
      const { source: _source, ...rest } = outcome as Record<string, unknown>;
      return { order, outcome: rest as Awaited<ReturnType<typeof orderOutcome>> };
    });
    expectOneOutcome(results, { ...known, status: 'refunded', fulfilledAt, cancelledAt: null, refundedAt: T0 - DAY, deletedAt: null, pending: [] });
  });
});
