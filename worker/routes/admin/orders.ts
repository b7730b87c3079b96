/** Past orders in bulk (JSON or CSV), so a store starting today can ask last month's buyers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listOutbox, retryFailed } from '../../../db/queries/outbox';
import { outboxStatuses } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { importOrders, MAX_IMPORT_ORDERS } from '../../domain/order-import';
import { BODY_LIMITS, isJsonBody, readText } from '../../http/body';
import { validationHook } from '../../http/validation';
import { audit } from '../../http/audit-trail';

export const adminOrders = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

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
    const text = await readText(c, { maxBytes: BODY_LIMITS.admin });
    const csv = !isJsonBody(c);
    const result = await importOrders({ db: c.var.db, store: c.var.merchantStore, now: c.var.now }, text, csv ? 'csv' : 'json');
    await audit(c, { action: 'orders.import', details: { ...result, format: csv ? 'csv' : 'json' } });
    return c.json(result, 200);
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
    const rows = await listOutbox(c.var.db, c.var.merchantStore.id, c.req.valid('query').status, 100);
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
    const requeued = await retryFailed(c.var.db, c.var.merchantStore.id, c.var.now);
    await audit(c, { action: 'outbox.retry', details: { requeued } });
    return c.json({ requeued }, 200);
  },
);
