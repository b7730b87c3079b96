/** WooCommerce sends every resource's webhooks to one delivery URL; X-WC-Webhook-Topic says what a body is. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orders, products } from '../../../../db/schema';
import { DAY, orderOutcome, orderSenders, wooOrder } from '../../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
let send: ReturnType<typeof orderSenders>;
beforeEach(async () => {
  h = await createHarness();
  send = orderSenders(h);
});
afterEach(() => h.close());

const countOrders = async () => (await h.db.select().from(orders)).length;
const countProducts = async () => (await h.db.select().from(products)).length;
const fulfilledAt = Date.UTC(2026, 9, 2, 10, 0, 0);

/** A product.updated body as WooCommerce sends it: it has an id and a status too, like an order. */
const wooProduct = { id: 93, name: 'Woo mug', status: 'publish', date_created_gmt: '2026-09-01T10:00:00', date_modified_gmt: '2026-10-20T10:00:00', sku: 'WM-1', price: '12.00' };

describe('POST /v1/stores/:store/webhooks/woocommerce topics', () => {
  it('acknowledges non-order topics without storing anything, and never stores a product body as an order', async () => {
    const before = await countProducts();
    for (const topic of ['customer.created', 'coupon.updated', 'action.woocommerce_add_to_cart']) {
      const res = await send.woo(wooProduct, topic);
      expect(res.status, topic).toBe(200);
      expect(res.body, topic).toEqual({ received: true, ignored: `topic ${topic}` });
    }
    expect(await countOrders()).toBe(0);
    expect(await countProducts()).toBe(before);
    // product.* topics fill the catalogue (test/worker/domain/platforms/products.test.ts), and are never orders.
    for (const topic of ['product.updated', 'product.created']) expect((await send.woo(wooProduct, topic)).body.product).toBeDefined();
    expect(await countOrders()).toBe(0);
  });

  it('still checks the signature of a topic it ignores', async () => {
    const res = await h.call('POST', '/v1/stores/store-a/webhooks/woocommerce', { body: JSON.stringify(wooProduct), headers: { 'x-wc-webhook-topic': 'product.updated' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_SIGNATURE');
  });

  it('refuses a signed body without X-WC-Webhook-Topic with 400, storing nothing', async () => {
    const res = await send.woo(wooOrder(), null);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/X-WC-Webhook-Topic/);
    expect(await countOrders()).toBe(0);
  });

  it('records order.created, then schedules the request on the order.updated that completes it', async () => {
    const created = await send.woo(wooOrder({ status: 'processing', date_completed_gmt: null }), 'order.created');
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ received: true, order: { id: '727', status: 'open' } });
    expect((await orderOutcome(h, '727')) as Record<string, unknown>).toMatchObject({ status: 'open', pending: [] });

    const completed = await send.woo(wooOrder(), 'order.updated');
    expect(completed.body).toEqual({ received: true, order: { id: '727', status: 'fulfilled' } });
    expect((await orderOutcome(h, '727')) as Record<string, unknown>).toMatchObject({
      status: 'fulfilled',
      pending: [{ status: 'scheduled', sendAt: fulfilledAt + 7 * DAY, reminderAt: fulfilledAt + 14 * DAY }],
    });
  });

  it('order.deleted stops the scheduled request and is kept as a fact', async () => {
    await send.woo(wooOrder(), 'order.updated');
    const res = await send.woo({ id: 727 }, 'order.deleted');
    expect(res.status).toBe(200);
    expect(await orderOutcome(h, '727')).toMatchObject({ pending: [] });
    expect(res.body).toEqual({ received: true, order: { id: '727', status: 'cancelled' } });
    expect(await orderOutcome(h, '727')).toMatchObject({ status: 'cancelled', fulfilledAt, deletedAt: T0, customerEmail: 'cara@example.com', pending: [] });

    // A later update of the trashed order does not bring the request back.
    await send.woo(wooOrder(), 'order.updated');
    expect(await orderOutcome(h, '727')).toMatchObject({ status: 'cancelled', deletedAt: T0, pending: [] });
  });

  it('order.deleted without an order id is refused with 400', async () => {
    const res = await send.woo({ name: 'x' }, 'order.deleted');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('WooCommerce payload: id is missing');
    expect(await countOrders()).toBe(0);
  });

  it('answers the form-encoded ping at webhook creation with 200', async () => {
    const res = await h.call('POST', '/v1/stores/store-a/webhooks/woocommerce', { body: 'webhook_id=12', contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, ping: true });
    expect(await countOrders()).toBe(0);
  });
});
