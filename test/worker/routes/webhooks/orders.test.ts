import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../../../db/queries/orders';
import { orderItems, orders, products, reviewRequests, webhookDeliveries } from '../../../../db/schema';
import { DAY, iso, makeOrder, SHOPIFY_SECRET, shopifyOrder, signBase64, signVerity, wooOrder, type OrderJson } from '../../../fixtures/orders';
import { captureConsoleErrors } from '../../../helpers/console';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const MIN = 60 * 1000;
const ORDERS = '/v1/stores/store-a/webhooks/orders';
const SHOPIFY = '/v1/stores/store-a/webhooks/shopify';
const WOO = '/v1/stores/store-a/webhooks/woocommerce';

/** Sends a generic order webhook signed with store A's secret at the current clock (or as told). */
function deliver(order: unknown, opts: { secret?: string; at?: number; path?: string; signature?: string | null } = {}) {
  const body = typeof order === 'string' ? order : JSON.stringify(order);
  const signature = opts.signature === undefined ? signVerity(body, opts.secret ?? h.a.keys.webhookSecret, opts.at ?? h.clock.now) : opts.signature;
  return h.call('POST', opts.path ?? ORDERS, { body, headers: signature === null ? {} : { 'x-verity-signature': signature } });
}

async function ordersOf(store: string, externalId: string) {
  return h.db.select().from(orders).where(and(eq(orders.storeId, store), eq(orders.externalId, externalId)));
}
async function itemsOf(orderId: number) {
  const rows = await h.db
    .select({ product: products.externalId })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId));
  return rows.map((r) => r.product).sort();
}
async function requestsOf(orderId: number) {
  return h.db.select().from(reviewRequests).where(eq(reviewRequests.orderId, orderId));
}
async function countOrders() {
  return (await h.db.select().from(orders)).length;
}

/** The one order row, its items and its requests; fails unless there is exactly one row. */
async function snapshot(store: string, externalId: string) {
  const rows = await ordersOf(store, externalId);
  expect(rows).toHaveLength(1);
  const order = rows[0]!;
  return { order, items: await itemsOf(order.id), requests: await requestsOf(order.id) };
}

describe('POST /v1/stores/:store/webhooks/orders', () => {
  it('records a correctly signed order and schedules its review request', async () => {
    const order = makeOrder({ id: 'A-100', customer: { email: 'Ann@Example.com', name: 'Ann' } });
    const res = await deliver(order);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, order: { id: 'A-100', status: 'fulfilled' } });

    const saved = await getOrder(h.db, 'store-a', 'A-100');
    expect(saved).toMatchObject({
      storeId: 'store-a',
      externalId: 'A-100',
      customerEmail: 'ann@example.com',
      customerName: 'Ann',
      status: 'fulfilled',
      orderedAt: T0 - 3 * DAY,
      fulfilledAt: T0 - 2 * DAY,
      cancelledAt: null,
      source: 'api',
    });
    expect(await getOrder(h.db, 'store-b', 'A-100')).toBeUndefined();
  });

  it('refuses a bad signature with 401 INVALID_SIGNATURE and stores nothing', async () => {
    const order = makeOrder();
    const body = JSON.stringify(order);
    const good = signVerity(body, h.a.keys.webhookSecret, h.clock.now);
    const tampered = good.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    expect(tampered).not.toBe(good);
    const res = await deliver(body, { signature: tampered });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    expect(res.body.error.message).toMatch(/does not match/);

    // A valid signature over a different body does not carry over either.
    const other = await deliver(body, { signature: signVerity(JSON.stringify({ ...order, id: 'else' }), h.a.keys.webhookSecret, h.clock.now) });
    expect(other.status).toBe(401);
    expect(await countOrders()).toBe(0);
  });

  it('refuses a timestamp ten minutes old, naming the clock or a replay', async () => {
    const res = await deliver(makeOrder(), { at: h.clock.now - 10 * MIN });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    expect(res.body.error.message).toMatch(/clock/);
    expect(res.body.error.message).toMatch(/replay/);
    // Ten minutes in the future is as bad.
    expect((await deliver(makeOrder(), { at: h.clock.now + 10 * MIN })).status).toBe(401);
    expect(await countOrders()).toBe(0);
  });

  it('accepts a timestamp within five minutes either way', async () => {
    expect((await deliver(makeOrder({ id: 'early' }), { at: h.clock.now - 4 * MIN })).status).toBe(200);
    expect((await deliver(makeOrder({ id: 'late' }), { at: h.clock.now + 4 * MIN })).status).toBe(200);
    expect(await countOrders()).toBe(2);
  });

  it('refuses the exact same signed request replayed after six minutes', async () => {
    const body = JSON.stringify(makeOrder({ id: 'replayed' }));
    const signature = signVerity(body, h.a.keys.webhookSecret, h.clock.now);
    expect((await deliver(body, { signature })).status).toBe(200);
    h.clock.advance(6 * MIN);
    const replay = await deliver(body, { signature });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_SIGNATURE');
    expect(replay.body.error.message).toMatch(/replay/);
  });

  it('treats a replay within the window as a harmless repeat', async () => {
    const body = JSON.stringify(makeOrder({ id: 'twice' }));
    const signature = signVerity(body, h.a.keys.webhookSecret, h.clock.now);
    expect((await deliver(body, { signature })).status).toBe(200);
    h.clock.advance(2 * MIN);
    const again = await deliver(body, { signature });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, order: { id: 'twice', status: 'fulfilled' } });
    const { items, requests } = await snapshot('store-a', 'twice');
    expect(items).toEqual(['mug', 'tee']);
    expect(requests).toHaveLength(1);
    expect(await countOrders()).toBe(1);
  });

  it('refuses a request without a signature header', async () => {
    const res = await deliver(makeOrder(), { signature: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    expect(res.body.error.message).toMatch(/missing X-Verity-Signature/);
    expect(await countOrders()).toBe(0);
  });

  it('refuses a malformed signature header', async () => {
    for (const signature of ['v1=abcd', `t=${Math.floor(h.clock.now / 1000)}`, 'garbage', `t=soon,v1=00`]) {
      const res = await deliver(makeOrder(), { signature });
      expect(res.status, signature).toBe(401);
      expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await countOrders()).toBe(0);
  });

  it("refuses an order signed with another store's secret", async () => {
    const res = await deliver(makeOrder({ id: 'cross' }), { secret: h.b.keys.webhookSecret });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    expect(await countOrders()).toBe(0);
    // Store B's own endpoint accepts it, into store B only.
    const atB = await deliver(makeOrder({ id: 'cross' }), { secret: h.b.keys.webhookSecret, path: '/v1/stores/store-b/webhooks/orders' });
    expect(atB.status).toBe(200);
    expect(await getOrder(h.db, 'store-b', 'cross')).toBeDefined();
    expect(await getOrder(h.db, 'store-a', 'cross')).toBeUndefined();
  });

  it('refuses an invalid email with 400 naming the field, storing nothing', async () => {
    const res = await deliver(makeOrder({ customer: { email: 'not-an-email', name: 'X' } }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('customer.email: customer.email must be a valid email address');
    expect(await countOrders()).toBe(0);
  });

  it('refuses an order without items with 400 naming the field, storing nothing', async () => {
    const { items: _items, ...withoutItems } = makeOrder({ id: 'no-items' });
    const res = await deliver(withoutItems);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('items: items is required');
    expect(await countOrders()).toBe(0);
  });

  it('refuses a body that is not JSON, and unknown fields, with 400', async () => {
    const notJson = await deliver('{"id": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    const extra = await deliver({ ...makeOrder(), total: 12 });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/unknown field: total/);
    const badDate = await deliver(makeOrder({ createdAt: 'yesterday' }));
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/^createdAt: createdAt must be an ISO 8601 date-time/);
    expect(await countOrders()).toBe(0);
  });

  it('answers 404 for an unknown store', async () => {
    const res = await deliver(makeOrder(), { path: '/v1/stores/no-such-store/webhooks/orders' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await countOrders()).toBe(0);
  });
});

describe('order idempotency', () => {
  const fulfilledAt = T0 - 2 * DAY;

  it('leaves one order, one item per product and one request when delivered twice', async () => {
    const order = makeOrder({ id: 'dup' });
    expect((await deliver(order)).status).toBe(200);
    h.clock.advance(MIN);
    expect((await deliver(order)).status).toBe(200);

    const { order: row, items, requests } = await snapshot('store-a', 'dup');
    expect(row.status).toBe('fulfilled');
    expect(items).toEqual(['mug', 'tee']);
    expect(requests).toEqual([
      { orderId: row.id, storeId: 'store-a', status: 'scheduled', sendAt: fulfilledAt + 7 * DAY, reminderAt: fulfilledAt + 14 * DAY, sentAt: null, remindedAt: null, linkOpenedAt: null },
    ]);
  });

  it('leaves one order and one request after ten concurrent identical deliveries', async () => {
    const body = JSON.stringify(makeOrder({ id: 'burst' }));
    const signature = signVerity(body, h.a.keys.webhookSecret, h.clock.now);
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(body, { signature })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));

    const { items, requests } = await snapshot('store-a', 'burst');
    expect(items).toEqual(['mug', 'tee']);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ status: 'scheduled', sendAt: fulfilledAt + 7 * DAY });
    expect(await countOrders()).toBe(1);
    expect((await h.db.select().from(reviewRequests)).length).toBe(1);
  });

  it('keeps the fulfilment when the created event arrives after the fulfilled one', async () => {
    const fulfilled = makeOrder({ id: 'ooo' });
    const { fulfilledAt: _f, ...created } = fulfilled;
    expect((await deliver(fulfilled)).body.order.status).toBe('fulfilled');
    h.clock.advance(MIN);
    const late = await deliver(created);
    expect(late.status).toBe(200);
    expect(late.body.order.status).toBe('fulfilled');

    const { order, items, requests } = await snapshot('store-a', 'ooo');
    expect(order).toMatchObject({ status: 'fulfilled', fulfilledAt, orderedAt: T0 - 3 * DAY });
    expect(items).toEqual(['mug', 'tee']);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.sendAt).toBe(fulfilledAt + 7 * DAY);
  });

  it('schedules the request when the fulfilled event follows the created one', async () => {
    const { fulfilledAt: _f, ...created } = makeOrder({ id: 'in-order' });
    expect((await deliver(created)).body.order.status).toBe('open');
    const before = await snapshot('store-a', 'in-order');
    expect(before.requests).toEqual([]);

    expect((await deliver({ ...created, fulfilledAt: iso(fulfilledAt) })).body.order.status).toBe('fulfilled');
    const after = await snapshot('store-a', 'in-order');
    expect(after.requests).toHaveLength(1);
    expect(after.requests[0]!.sendAt).toBe(fulfilledAt + 7 * DAY);
  });

  it('follows the store schedule (requestDelayDays, reminderDelayDays)', async () => {
    const patch = await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { requestDelayDays: 3, reminderDelayDays: null } });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ requestDelayDays: 3, reminderDelayDays: null });
    await deliver(makeOrder({ id: 'scheduled' }));
    const { requests } = await snapshot('store-a', 'scheduled');
    expect(requests[0]).toMatchObject({ sendAt: fulfilledAt + 3 * DAY, reminderAt: null });
  });

  it('adds line items to the catalogue', async () => {
    expect((await h.call('GET', '/v1/stores/store-a/products/new-hat/reviews')).status).toBe(404);
    const order = makeOrder({
      id: 'catalogue',
      items: [
        { productId: 'tee', name: 'Tee' },
        { productId: 'new-hat', name: 'New hat', url: 'https://shop-a.example/hat', sku: 'HAT-1', brand: 'Acme' },
      ],
    });
    expect((await deliver(order)).status).toBe(200);
    const res = await h.call('GET', '/v1/stores/store-a/products/new-hat/reviews');
    expect(res.status).toBe(200);
    expect(res.body.summary.count).toBe(0);
    const [hat] = await h.db.select().from(products).where(and(eq(products.storeId, 'store-a'), eq(products.externalId, 'new-hat')));
    expect(hat).toMatchObject({ name: 'New hat', url: 'https://shop-a.example/hat', sku: 'HAT-1', brand: 'Acme' });
    expect((await snapshot('store-a', 'catalogue')).items).toEqual(['new-hat', 'tee']);
    // Only store A's catalogue grows.
    expect((await h.call('GET', '/v1/stores/store-b/products/new-hat/reviews')).status).toBe(404);
  });
});

describe('cancellations and refunds', () => {
  it('cancels the review request when the order is cancelled', async () => {
    const order = makeOrder({ id: 'cancel-me' });
    await deliver(order);
    expect((await snapshot('store-a', 'cancel-me')).requests[0]!.status).toBe('scheduled');

    const res = await deliver({ ...order, cancelledAt: iso(T0 - DAY) });
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('cancelled');
    const { order: row, requests } = await snapshot('store-a', 'cancel-me');
    expect(row).toMatchObject({ status: 'cancelled', cancelledAt: T0 - DAY });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.status).toBe('cancelled');

    // A late fulfilled delivery does not bring it back.
    await deliver(order);
    const after = await snapshot('store-a', 'cancel-me');
    expect(after.order.status).toBe('cancelled');
    expect(after.requests.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('cancels the review request when the order is refunded', async () => {
    const order = makeOrder({ id: 'refund-me' });
    await deliver(order);
    const res = await deliver({ ...order, refundedAt: iso(T0 - DAY) });
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('refunded');
    const { order: row, requests } = await snapshot('store-a', 'refund-me');
    expect(row.status).toBe('refunded');
    expect(requests.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('never schedules a request for an order cancelled before it was fulfilled', async () => {
    const order = makeOrder({ id: 'cancel-first', cancelledAt: iso(T0 - DAY) });
    expect((await deliver(order)).body.order.status).toBe('cancelled');
    expect((await snapshot('store-a', 'cancel-first')).requests).toEqual([]);
  });
});

describe('POST /v1/stores/:store/webhooks/shopify', () => {
  const SECRET = SHOPIFY_SECRET;

  function shopify(payload: unknown, opts: { topic?: string; id?: string; secret?: string; path?: string; hmac?: string } = {}) {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'x-shopify-hmac-sha256': opts.hmac ?? signBase64(body, opts.secret ?? SECRET),
      'x-shopify-topic': opts.topic ?? 'orders/fulfilled',
    };
    if (opts.id) headers['x-shopify-webhook-id'] = opts.id;
    return h.call('POST', opts.path ?? SHOPIFY, { body, headers });
  }

  beforeEach(async () => {
    const res = await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { shopifySecret: SECRET } });
    expect(res.status).toBe(200);
    expect(res.body.integrations).toEqual({ shopify: true, woocommerce: false });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it('records a fulfilled order with a review request', async () => {
    const res = await shopify(shopifyOrder(), { id: 'wh-1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, order: { id: '450789469', status: 'fulfilled' } });

    const { order, items, requests } = await snapshot('store-a', '450789469');
    expect(order).toMatchObject({
      customerEmail: 'bob@example.com',
      customerName: 'Bob Norman',
      status: 'fulfilled',
      orderedAt: Date.parse('2026-10-20T14:00:00Z'),
      fulfilledAt: T0,
      source: 'shopify',
    });
    expect(items).toEqual(['123']);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ status: 'scheduled', sendAt: T0 + 7 * DAY });
    expect((await h.call('GET', '/v1/stores/store-a/products/123/reviews')).status).toBe(200);
  });

  it('refuses a bad HMAC with 401', async () => {
    const res = await shopify(shopifyOrder(), { secret: 'shpss_wrong_secret' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    const missing = await h.call('POST', SHOPIFY, { body: JSON.stringify(shopifyOrder()), headers: { 'x-shopify-topic': 'orders/fulfilled' } });
    expect(missing.status).toBe(401);
    expect(await countOrders()).toBe(0);
  });

  it('answers 403 when the store has no Shopify secret', async () => {
    const res = await shopify(shopifyOrder(), { path: '/v1/stores/store-b/webhooks/shopify' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toMatch(/no Shopify secret/);
    expect(await countOrders()).toBe(0);
  });

  it('answers a repeated X-Shopify-Webhook-Id as a duplicate', async () => {
    expect((await shopify(shopifyOrder(), { id: 'wh-dup' })).status).toBe(200);
    const second = await shopify(shopifyOrder({ email: 'changed@example.com' }), { id: 'wh-dup' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ received: true, duplicate: true });
    const { order, requests } = await snapshot('store-a', '450789469');
    expect(order.customerEmail).toBe('bob@example.com');
    expect(requests).toHaveLength(1);
    expect(await h.db.select().from(webhookDeliveries)).toHaveLength(1);
  });

  it('processes a retry of a delivery that failed (same X-Shopify-Webhook-Id)', async () => {
    // Shopify retries a non-2xx delivery with the same webhook id; a transient database failure must not lose the order.
    const batch = h.db.batch.bind(h.db);
    let failures = 1;
    h.db.batch = ((...args: Parameters<typeof batch>) => (failures-- > 0 ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : batch(...args))) as unknown as typeof h.db.batch;

    const logged = captureConsoleErrors();
    const first = await shopify(shopifyOrder(), { id: 'wh-retry' }).finally(logged.restore);
    expect(first.status).toBe(500);
    // The 500 is logged for the operator, once, with the route and the cause.
    expect(logged.calls).toEqual([['unhandled error', 'POST', SHOPIFY, expect.objectContaining({ message: 'SQLITE_BUSY: database is locked' })]]);
    expect(await countOrders()).toBe(0);

    const retry = await shopify(shopifyOrder(), { id: 'wh-retry' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ received: true, order: { id: '450789469', status: 'fulfilled' } });
    expect((await snapshot('store-a', '450789469')).requests).toHaveLength(1);
  });

  it('stops the request on orders/cancelled', async () => {
    await shopify(shopifyOrder(), { id: 'wh-a' });
    const res = await shopify(shopifyOrder({ cancelled_at: '2026-10-31T10:00:00Z', fulfillment_status: null }), { topic: 'orders/cancelled', id: 'wh-b' });
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('cancelled');
    const { order, requests } = await snapshot('store-a', '450789469');
    expect(order).toMatchObject({ status: 'cancelled', cancelledAt: Date.parse('2026-10-31T10:00:00Z') });
    expect(requests.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('stops the request on refunds/create', async () => {
    await shopify(shopifyOrder(), { id: 'wh-c' });
    const res = await shopify({ id: 890088186, order_id: 450789469, refund_line_items: [] }, { topic: 'refunds/create', id: 'wh-d' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, order: { id: '450789469', status: 'refunded' } });
    const { order, requests } = await snapshot('store-a', '450789469');
    expect(order.status).toBe('refunded');
    expect(requests.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('refuses a refund without order_id with 400', async () => {
    const res = await shopify({ id: 1 }, { topic: 'refunds/create' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/order_id/);
  });

  it('acknowledges an unknown topic without recording anything', async () => {
    const res = await shopify({ id: 7, email: 'x@example.com' }, { topic: 'customers/create', id: 'wh-e' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, ignored: 'topic customers/create' });
    expect(await countOrders()).toBe(0);
  });
});

describe('POST /v1/stores/:store/webhooks/woocommerce', () => {
  const woo = (payload: unknown, secret: string, path = WOO) => {
    const body = JSON.stringify(payload);
    return h.call('POST', path, { body, headers: { 'x-wc-webhook-signature': signBase64(body, secret), 'x-wc-webhook-topic': 'order.updated' } });
  };

  it('records a completed order signed with the store webhook secret', async () => {
    const res = await woo(wooOrder(), h.a.keys.webhookSecret);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, order: { id: '727', status: 'fulfilled' } });
    const fulfilledAt = Date.UTC(2026, 9, 2, 10, 0, 0);
    const { order, items, requests } = await snapshot('store-a', '727');
    expect(order).toMatchObject({
      customerEmail: 'cara@example.com',
      customerName: 'Cara Diaz',
      status: 'fulfilled',
      orderedAt: Date.UTC(2026, 9, 1, 10, 0, 0),
      fulfilledAt,
      source: 'woocommerce',
    });
    expect(items).toEqual(['93']);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ status: 'scheduled', sendAt: fulfilledAt + 7 * DAY });
  });

  it('uses the WooCommerce secret instead of the webhook secret once one is set', async () => {
    const secret = 'wc_secret_0123456789';
    expect((await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { woocommerceSecret: secret } })).status).toBe(200);
    expect((await woo(wooOrder(), h.a.keys.webhookSecret)).status).toBe(401);
    expect((await woo(wooOrder(), secret)).status).toBe(200);
  });

  it('stops the request when the order is cancelled or refunded later', async () => {
    await woo(wooOrder(), h.a.keys.webhookSecret);
    await woo(wooOrder({ id: 728 }), h.a.keys.webhookSecret);
    const cancelled = await woo(wooOrder({ status: 'cancelled', date_modified_gmt: '2026-10-20T10:00:00' }), h.a.keys.webhookSecret);
    expect(cancelled.body.order.status).toBe('cancelled');
    const refunded = await woo(wooOrder({ id: 728, status: 'refunded' }), h.a.keys.webhookSecret);
    expect(refunded.body.order.status).toBe('refunded');
    expect((await snapshot('store-a', '727')).requests.map((r) => r.status)).toEqual(['cancelled']);
    expect((await snapshot('store-a', '728')).requests.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('answers the unsigned form-encoded ping', async () => {
    const res = await h.call('POST', WOO, { body: 'webhook_id=12', contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, ping: true });
    expect(await countOrders()).toBe(0);
  });

  it('refuses a bad signature with 401', async () => {
    const res = await woo(wooOrder(), h.b.keys.webhookSecret);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    const unsigned = await h.call('POST', WOO, { body: JSON.stringify(wooOrder()) });
    expect(unsigned.status).toBe(401);
    expect(await countOrders()).toBe(0);
  });
});
