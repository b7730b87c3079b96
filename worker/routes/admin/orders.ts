/** Past orders in bulk (JSON or CSV), so a store starting today can ask last month's buyers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recordOrder } from '../../../db/queries/orders';
import { recordAudit } from '../../../db/queries/audit';
import { listOutbox, retryFailed, retryOne } from '../../../db/queries/outbox';
import { getStore } from '../../../db/queries/stores';
import { outboxStatuses } from '../../../db/schema';
import { csvRecords } from '../../lib/csv';
import type { AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { cursorQuery, limitQuery } from '../../schemas/reviews';
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
    purpose: z.string().openapi({ description: 'What the email is for: request, reminder, ask, answered, notify, digest, …' }),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({ description: 'Why the last attempt failed' }),
    nextAttemptAt: z.string().nullable().openapi({ description: 'When a queued email is tried next' }),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxEmail');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ownersOnly = (role: string) => {
  if (role !== 'owner') throw new ApiError('FORBIDDEN', 'owners only: retrying emails is for the store owners');
};

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
    summary: "The store's emails (review requests, questions to buyers, notifications) and their delivery state",
    description: 'Newest first, keyset-paginated; `status=failed` lists what needs a retry, with `lastError` saying why.',
    request: { params: StoreParams, query: z.object({ status: z.enum(outboxStatuses, { error: `status must be one of ${outboxStatuses.join(', ')}` }).optional(), limit: limitQuery(100, 100), cursor: cursorQuery.optional() }) },
    responses: { 200: json(z.object({ emails: z.array(OutboxEmailSchema), nextCursor: z.string().nullable() }), 'One page, newest first'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { status, limit, cursor } = c.req.valid('query');
    const page = await listOutbox(c.var.db, c.var.merchantStoreId, status, limit, cursor);
    const emails = page.items.map(({ dedupeKey, ...r }) => ({
      ...r,
      purpose: dedupeKey.split(':')[0]!,
      nextAttemptAt: r.status === 'queued' ? iso(r.nextAttemptAt) : null,
      createdAt: iso(r.createdAt)!,
      sentAt: iso(r.sentAt),
    }));
    return c.json({ emails, nextCursor: page.nextCursor }, 200);
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
    ownersOnly(c.var.role);
    const requeued = await retryFailed(c.var.db, c.var.merchantStoreId, c.var.now);
    await audit(c, { action: 'outbox.retry', details: { requeued } });
    return c.json({ requeued }, 200);
  },
);

adminOrders.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/outbox/{id}/retry',
    operationId: 'retryOutboxEmail',
    tags: ['Merchant'],
    security,
    summary: 'Queue one failed email again',
    description: 'Only a `failed` email: a queued or sending one is already the scheduler’s, a sent one is sent (409 CONFLICT).',
    request: { params: z.object({ store: StoreParams.shape.store, id: z.string().regex(/^em_[0-9a-z]{24}$/, { error: 'id must be an email id (em_…)' }).openapi({ param: { name: 'id', in: 'path' } }) }) },
    responses: { 200: json(z.object({ id: z.string(), status: z.literal('queued') }), 'Queued again'), ...errorResponses(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    ownersOnly(c.var.role);
    const { id } = c.req.valid('param');
    const result = await retryOne(c.var.db, c.var.merchantStoreId, id, c.var.now);
    if (result.outcome === 'not_found') throw notFound(`email "${id}"`);
    if (result.outcome === 'not_failed') throw new ApiError('CONFLICT', `only a failed email can be retried; this one is ${result.status}`, { status: result.status });
    await recordAudit(c.var.db, { storeId: c.var.merchantStoreId, actor: c.var.actor, action: 'outbox.retry', target: { kind: 'email', id }, at: c.var.now });
    return c.json({ id, status: 'queued' as const }, 200);
  },
);
