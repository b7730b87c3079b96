/** What every order input path refuses or leaves unrequested: blank order ids, Shopify test orders. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orders } from '../../../../db/schema';
import { makeOrder, orderOutcome, orderSenders, shopifyOrder, wooOrder, webhookHarness } from '../../../fixtures/orders';
import type { Harness } from '../../../helpers/harness';

let h: Harness;
let send: ReturnType<typeof orderSenders>;
beforeEach(async () => {
  ({ h, send } = await webhookHarness());
});
afterEach(() => h.close());

const countOrders = async () => (await h.db.select().from(orders)).length;
const BLANKS = [' ', '   ', '\t', '\n ', '\u00a0'];

describe('Shopify test orders', () => {
  it('records a test: true order but schedules no review request', async () => {
    const res = await send.shopify(shopifyOrder({ test: true }), 'orders/fulfilled');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, order: { id: '450789469', status: 'fulfilled' } });
    expect(await orderOutcome(h, '450789469')).toMatchObject({ status: 'fulfilled', pending: [] });
    expect(await orderOutcome(h, '450789469')).toMatchObject({ test: true });
  });

  it('stops a request scheduled before Shopify said the order is a test', async () => {
    await send.shopify(shopifyOrder(), 'orders/fulfilled');
    expect(await orderOutcome(h, '450789469')).toMatchObject({ pending: [{ status: 'scheduled' }] });
    await send.shopify(shopifyOrder({ test: true }), 'orders/updated');
    expect(await orderOutcome(h, '450789469')).toMatchObject({ pending: [] });
    expect(await orderOutcome(h, '450789469')).toMatchObject({ test: true });
    // A later payload that leaves the flag out does not make it a real order again.
    await send.shopify(shopifyOrder(), 'orders/updated');
    expect(await orderOutcome(h, '450789469')).toMatchObject({ test: true, pending: [] });
  });
});

describe('blank order ids', () => {
  it('the generic webhook refuses them with VALIDATION_FAILED naming id', async () => {
    for (const id of [...BLANKS, '']) {
      const res = await send.generic(makeOrder({ id }));
      expect(res.status, JSON.stringify(id)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toBe('id: id must not be empty or only whitespace');
    }
    expect(await countOrders()).toBe(0);
  });

  it('a JSON import refuses the whole file, naming the order and id', async () => {
    const res = await send.importJson([makeOrder({ id: 'fine' }), makeOrder({ id: '  ' })]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('order 1.id: id must not be empty or only whitespace');
    expect(await countOrders()).toBe(0);
  });

  it('a CSV import refuses a row whose order_id is blank, naming the row', async () => {
    const csv = 'order_id,email,name,ordered_at,fulfilled_at,product_id,product_name\n"   ",a@example.com,A,2026-10-01T10:00:00Z,2026-10-02T10:00:00Z,tee,Tee\n';
    const res = await send.importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('CSV row 2: order_id is required');
    expect(await countOrders()).toBe(0);
  });

  it('Shopify order and refund payloads with a blank id are refused with 400 naming the field', async () => {
    for (const id of BLANKS) {
      const order = await send.shopify(shopifyOrder({ id }), 'orders/create');
      expect(order.status, JSON.stringify(id)).toBe(400);
      expect(order.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Shopify payload: id must not be empty or only whitespace' });
      const refund = await send.shopify({ id: 1, order_id: id, refund_line_items: [] }, 'refunds/create');
      expect(refund.status).toBe(400);
      expect(refund.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Shopify payload: order_id must not be empty or only whitespace' });
    }
    expect(await countOrders()).toBe(0);
  });

  it('WooCommerce order payloads with a blank id are refused with 400 naming the field', async () => {
    for (const id of BLANKS) {
      for (const [topic, body] of [['order.updated', wooOrder({ id })], ['order.deleted', { id }]] as const) {
        const res = await send.woo(body, topic);
        expect(res.status, `${topic} ${JSON.stringify(id)}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'WooCommerce payload: id must not be empty or only whitespace' });
      }
    }
    expect(await countOrders()).toBe(0);
  });
});
