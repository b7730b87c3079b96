/** Past orders in bulk (JSON or CSV), so a store starting today can ask last month's buyers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recordOrder } from '../../../db/queries/orders';
import { listOutbox, retryFailed } from '../../../db/queries/outbox';
import { getStore } from '../../../db/queries/stores';
import { outboxStatuses } from '../../../db/schema';
import { csvRecords } from '../../lib/csv';
import type { AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { OrderSchema, toOrderInput, type OrderBody } from '../../schemas/orders';
import { describeIssues, validationHook } from '../../http/validation';
import { audit } from '../../http/audit-trail';

export const adminOrders = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const MAX_IMPORT_ORDERS = 1000;
const security = [{ secretKey: [] }];

const OutboxEmailSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(outboxStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxEmail');

/** CSV: one row per line item, grouped into orders by order_id; `rows` gives each order's first row number. */
function ordersFromCsv(text: string): { orders: unknown[]; rows: number[] } {
  let records: Array<Record<string, string>>;
  try {
    records = csvRecords(text);
  } catch (err) {
    throw new ApiError('VALIDATION_FAILED', `CSV: ${(err as Error).message}`);
  }
  const byId = new Map<string, Record<string, unknown> & { items: unknown[] }>();
  const rows: number[] = [];
  for (const [i, r] of records.entries()) {
    if (!r.order_id) throw new ApiError('VALIDATION_FAILED', `CSV row ${i + 2}: order_id is required`, { row: i + 2 });
    let order = byId.get(r.order_id);
    if (!order) {
      const iso = (v: string | undefined) => (v ? v : null);
      order = {
        id: r.order_id,
        customer: { email: r.email ?? '', name: r.name || null },
        createdAt: r.ordered_at ?? '',
        fulfilledAt: iso(r.fulfilled_at),
        cancelledAt: iso(r.cancelled_at),
        items: [],
      };
      byId.set(r.order_id, order);
      rows.push(i + 2);
    }
    if (r.product_id) {
      order.items.push({
        productId: r.product_id,
        name: r.product_name ?? '',
        url: r.product_url || null,
        imageUrl: r.product_image_url || null,
        sku: r.sku || null,
        gtin: r.gtin || null,
        brand: r.brand || null,
        mpn: r.mpn || null,
      });
    }
  }
  return { orders: [...byId.values()], rows };
}

adminOrders.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/orders/import',
    operationId: 'importOrders',
    tags: ['Merchant'],
    security,
    summary: 'Import past orders (JSON array or CSV)',
    description:
      `Up to ${MAX_IMPORT_ORDERS} orders. JSON: an array of the order webhook's shape. CSV (Content-Type: text/csv): ` +
      'columns order_id, email, name, ordered_at, fulfilled_at, cancelled_at, product_id, product_name, product_url, product_image_url, sku, gtin, brand, mpn — one row per line item. ' +
      'All-or-nothing validation: one bad order rejects the file. Fulfilled orders get review requests on the usual schedule (already due ones go out on the next scheduler run).',
    request: { params: StoreParams },
    responses: {
      200: json(z.object({ imported: z.number().int(), fulfilled: z.number().int() }), 'What was imported'),
      ...errorResponses(400, 401, 403, 413, 415),
    },
  }),
  async (c) => {
    const store = await getStore(c.var.db, c.var.merchantStoreId);
    if (!store) throw notFound('store');
    const text = await c.req.text();
    const csv = (c.req.header('content-type') ?? '').startsWith('text/csv');
    if (text.trim() === '') throw new ApiError('VALIDATION_FAILED', 'send the orders as a JSON array or as CSV (Content-Type: text/csv)');
    const { orders: raw, rows } = csv ? ordersFromCsv(text) : { orders: JSON.parse(text) as unknown, rows: [] as number[] };
    const parsed = z
      .array(OrderSchema)
      .min(1, { error: 'send at least one order' })
      .max(MAX_IMPORT_ORDERS, { error: `send at most ${MAX_IMPORT_ORDERS} orders per request` })
      .safeParse(raw);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      const first = issues[0];
      // In a CSV, name the file's row, which is what the merchant can find.
      const index = Number(first?.path.split('.')[0]);
      const where = csv && Number.isInteger(index) && rows[index] ? `CSV row ${rows[index]}: ` : first?.path ? `order ${first.path}: ` : '';
      throw new ApiError('VALIDATION_FAILED', `${where}${first?.message ?? 'invalid orders'}`, { issues });
    }
    let fulfilled = 0;
    for (const order of parsed.data as OrderBody[]) {
      const saved = await recordOrder(c.var.db, store.id, toOrderInput(order, 'import'), store.settings, c.var.now);
      if (saved.status === 'fulfilled') fulfilled += 1;
    }
    await audit(c, { action: 'orders.import', details: { imported: parsed.data.length, fulfilled, format: csv ? 'csv' : 'json' } });
    return c.json({ imported: parsed.data.length, fulfilled }, 200);
  },
);

adminOrders.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/outbox',
    operationId: 'listOutbox',
    tags: ['Merchant'],
    security,
    summary: 'Recent review request emails and their delivery state',
    request: { params: StoreParams, query: z.object({ status: z.enum(outboxStatuses).optional() }) },
    responses: { 200: json(z.object({ emails: z.array(OutboxEmailSchema) }), 'Newest first, at most 100'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const rows = await listOutbox(c.var.db, c.var.merchantStoreId, c.req.valid('query').status, 100);
    return c.json({ emails: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), sentAt: r.sentAt === null ? null : new Date(r.sentAt).toISOString() })) }, 200);
  },
);

adminOrders.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/outbox/retry',
    operationId: 'retryOutbox',
    tags: ['Merchant'],
    security,
    summary: 'Queue every failed email again (after fixing the email provider)',
    request: { params: StoreParams },
    responses: { 200: json(z.object({ requeued: z.number().int() }), 'How many'), ...errorResponses(401, 403) },
  }),
  async (c) => {
    const requeued = await retryFailed(c.var.db, c.var.merchantStoreId, c.var.now);
    await audit(c, { action: 'outbox.retry', details: { requeued } });
    return c.json({ requeued }, 200);
  },
);
