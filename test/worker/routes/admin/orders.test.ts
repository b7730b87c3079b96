import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../../../db/queries/orders';
import { enqueue } from '../../../../db/queries/outbox';
import { orderItems, orders, outbox, products, reviewRequests } from '../../../../db/schema';
import { DAY, iso, makeOrder } from '../../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness();
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const IMPORT = '/v1/admin/stores/store-a/orders/import';

async function itemsOf(store: string, externalId: string) {
  const order = await getOrder(h.db, store, externalId);
  if (!order) return undefined;
  const rows = await h.db
    .select({ product: products.externalId, name: products.name })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id));
  return rows.sort((a, b) => a.product.localeCompare(b.product));
}
const countOrders = async () => (await h.db.select().from(orders)).length;
const countRequests = async () => (await h.db.select().from(reviewRequests)).length;

describe('POST /v1/admin/stores/:store/orders/import (JSON)', () => {
  it('imports an array of orders and counts the fulfilled ones', async () => {
    const list = [
      makeOrder({ id: 'imp-1' }),
      makeOrder({ id: 'imp-2', fulfilledAt: iso(T0 - 10 * DAY) }),
      makeOrder({ id: 'imp-3', fulfilledAt: null }),
    ];
    const res = await h.call('POST', IMPORT, { key, json: list });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 3, fulfilled: 2 });

    expect(await getOrder(h.db, 'store-a', 'imp-1')).toMatchObject({ status: 'fulfilled', source: 'import' });
    expect(await getOrder(h.db, 'store-a', 'imp-3')).toMatchObject({ status: 'open', fulfilledAt: null });
    const requests = await h.db.select().from(reviewRequests).innerJoin(orders, eq(orders.id, reviewRequests.orderId));
    expect(requests.map((r) => [r.orders.externalId, r.review_requests.sendAt]).sort()).toEqual([
      ['imp-1', T0 - 2 * DAY + 7 * DAY],
      ['imp-2', T0 - 10 * DAY + 7 * DAY],
    ]);
  });

  it('is idempotent: importing the same file twice leaves one of each', async () => {
    const list = [makeOrder({ id: 'again-1' }), makeOrder({ id: 'again-2' })];
    expect((await h.call('POST', IMPORT, { key, json: list })).body).toEqual({ imported: 2, fulfilled: 2 });
    expect((await h.call('POST', IMPORT, { key, json: list })).body).toEqual({ imported: 2, fulfilled: 2 });
    expect(await countOrders()).toBe(2);
    expect(await countRequests()).toBe(2);
  });

  it('rejects the whole file when one order is invalid', async () => {
    const list = [makeOrder({ id: 'fine' }), makeOrder({ id: 'bad', customer: { email: 'nope' } })];
    const res = await h.call('POST', IMPORT, { key, json: list });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('order 1.customer.email: customer.email must be a valid email address');
    expect(await countOrders()).toBe(0);
  });

  it('refuses an empty body with 400, not a server error', async () => {
    const none = await h.call('POST', IMPORT, { key });
    expect(none.status).toBe(400);
    const zero = await h.call('POST', IMPORT, { key, body: '', headers: { 'content-type': 'application/json', 'content-length': '0' } });
    expect(zero.status).toBe(400);
    expect(await countOrders()).toBe(0);
  });

  it('rejects an empty array', async () => {
    const res = await h.call('POST', IMPORT, { key, json: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/send at least one order/);
  });
});

describe('POST /v1/admin/stores/:store/orders/import (CSV)', () => {
  const header = 'order_id,email,name,ordered_at,fulfilled_at,product_id,product_name';

  it('groups rows into orders by order_id', async () => {
    const csv = [
      header,
      '5001,Dana@Example.com,"Doe, Dana",2026-10-01T10:00:00Z,2026-10-03T10:00:00Z,tee,"Tee, organic"',
      '5001,Dana@Example.com,"Doe, Dana",2026-10-01T10:00:00Z,2026-10-03T10:00:00Z,csv-cap,Cap',
      '5002,eli@example.com,Eli,2026-10-05T09:30:00Z,,mug,Mug',
      '',
    ].join('\r\n');
    const res = await h.call('POST', IMPORT, { key, body: csv, contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, fulfilled: 1 });

    expect(await getOrder(h.db, 'store-a', '5001')).toMatchObject({
      customerEmail: 'dana@example.com',
      customerName: 'Doe, Dana',
      status: 'fulfilled',
      orderedAt: Date.UTC(2026, 9, 1, 10),
      fulfilledAt: Date.UTC(2026, 9, 3, 10),
      source: 'import',
    });
    expect(await itemsOf('store-a', '5001')).toEqual([
      { product: 'csv-cap', name: 'Cap' },
      { product: 'tee', name: 'Tee, organic' },
    ]);
    expect(await getOrder(h.db, 'store-a', '5002')).toMatchObject({ customerName: 'Eli', status: 'open', fulfilledAt: null });
    expect(await itemsOf('store-a', '5002')).toEqual([{ product: 'mug', name: 'Mug' }]);
    expect(await countRequests()).toBe(1);
  });

  it('reads a semicolon-separated export in windows-1252, as Excel saves it in many locales', async () => {
    const text = ['order_id;email;name;ordered_at;fulfilled_at;product_id;product_name', '9001;zoe@example.com;"Zoé; Müller";2026-10-01T10:00:00Z;2026-10-03T10:00:00Z;tee;Tee'].join('\r\n');
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0)); // é and ü are single bytes below 256, as in windows-1252
    const res = await h.call('POST', IMPORT, { key, body: bytes, contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 1, fulfilled: 1 });
    expect(await getOrder(h.db, 'store-a', '9001')).toMatchObject({ customerEmail: 'zoe@example.com', customerName: 'Zoé; Müller' });
  });

  it('rejects a bad email with 400 naming the field, importing nothing', async () => {
    const csv = [header, '6001,ok@example.com,Ok,2026-10-01T10:00:00Z,,tee,Tee', '6002,not-an-email,Bad,2026-10-01T10:00:00Z,,mug,Mug'].join('\n');
    const res = await h.call('POST', IMPORT, { key, body: csv, contentType: 'text/csv; charset=utf-8' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/^CSV row 3: customer\.email must be a valid email address/);
    expect(await countOrders()).toBe(0);
  });

  it('rejects a row without order_id with 400 naming the row, importing nothing', async () => {
    const csv = [header, '7001,ok@example.com,Ok,2026-10-01T10:00:00Z,,tee,Tee', ',x@example.com,X,2026-10-01T10:00:00Z,,mug,Mug'].join('\n');
    const res = await h.call('POST', IMPORT, { key, body: csv, contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'CSV row 3: order_id is required', details: { row: 3 } });
    expect(await countOrders()).toBe(0);
  });

  it('rejects an unclosed quote with 400', async () => {
    const csv = `${header}\n8001,a@example.com,"Unclosed,2026-10-01T10:00:00Z,,tee,Tee`;
    const res = await h.call('POST', IMPORT, { key, body: csv, contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: 'CSV row 2: a quoted field is not closed', details: { row: 2 } });
    expect(await countOrders()).toBe(0);
  });
});

describe('merchant access', () => {
  it("refuses another store's key with 403 and imports nothing", async () => {
    const res = await h.call('POST', IMPORT, { key: h.b.keys.secretKey, json: [makeOrder()] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await countOrders()).toBe(0);
    expect((await h.call('GET', '/v1/admin/stores/store-a/outbox', { key: h.b.keys.secretKey })).status).toBe(403);
    expect((await h.call('POST', '/v1/admin/stores/store-a/outbox/retry', { key: h.b.keys.secretKey })).status).toBe(403);
  });

  it('refuses a request without a key with 401', async () => {
    expect((await h.call('POST', IMPORT, { json: [makeOrder()] })).status).toBe(401);
    expect((await h.call('GET', '/v1/admin/stores/store-a/outbox')).status).toBe(401);
  });
});

describe('outbox', () => {
  const message = (id: string, storeId: string) => ({
    id,
    storeId,
    dedupeKey: `request:${id}`,
    toAddress: `${id}@example.com`,
    fromAddress: 'reviews@verity.invalid',
    subject: 'How was it?',
    text: 'text',
    html: '<p>html</p>',
    headers: {},
    createdAt: h.clock.now,
  });

  it('lists no emails initially', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/outbox', { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ emails: [], nextCursor: null });
  });

  it("lists the store's own emails and requeues failed ones", async () => {
    await enqueue(h.db, message('m1', 'store-a'));
    await enqueue(h.db, message('m2', 'store-a'));
    await enqueue(h.db, message('m3', 'store-b'));
    await h.db.update(outbox).set({ status: 'failed', attempts: 8, lastError: 'provider said no' }).where(eq(outbox.id, 'm2'));
    await h.db.update(outbox).set({ status: 'failed', attempts: 8 }).where(eq(outbox.id, 'm3'));

    const all = await h.call('GET', '/v1/admin/stores/store-a/outbox', { key });
    expect(all.body.emails.map((e: { id: string }) => e.id).sort()).toEqual(['m1', 'm2']);
    const failed = await h.call('GET', '/v1/admin/stores/store-a/outbox?status=failed', { key });
    expect(failed.body.emails).toEqual([
      { id: 'm2', to: 'm2@example.com', subject: 'How was it?', status: 'failed', purpose: 'request', attempts: 8, lastError: 'provider said no', nextAttemptAt: null, createdAt: iso(T0), sentAt: null },
    ]);

    h.clock.advance(60_000);
    const retry = await h.call('POST', '/v1/admin/stores/store-a/outbox/retry', { key });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ requeued: 1 });
    const [m2] = await h.db.select().from(outbox).where(eq(outbox.id, 'm2'));
    expect(m2).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: T0 + 60_000 });
    const [m3] = await h.db.select().from(outbox).where(and(eq(outbox.id, 'm3'), eq(outbox.storeId, 'store-b')));
    expect(m3!.status).toBe('failed');
  });

  it('refuses an unknown status filter with 400', async () => {
    expect((await h.call('GET', '/v1/admin/stores/store-a/outbox?status=lost', { key })).status).toBe(400);
  });
});
