/** Past orders in bulk (JSON or CSV), so a store starting today can ask last month's buyers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listOutbox, retryFailed, retryOne } from '../../../db/queries/outbox';
import { outboxStatuses } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { ApiError, notFound } from '../../errors';
import { cursorQuery, limitQuery } from '../../schemas/reviews';
import { importOrders, MAX_IMPORT_ORDERS } from '../../domain/order-import';
import { BODY_LIMITS, isJsonBody, readFileText, readText } from '../../http/body';
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
    purpose: z.string().openapi({ description: 'What the email is for: request, reminder, ask, answered, notify, digest, …' }),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({ description: 'Why the last attempt failed' }),
    nextAttemptAt: z.string().nullable().openapi({ description: 'When a queued email is tried next' }),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxEmail');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
    const csv = !isJsonBody(c);
    // A CSV is read here, not by the JSON middleware: Excel's exports are often windows-1252, not UTF-8.
    const text = csv ? await readFileText(c, { maxBytes: BODY_LIMITS.admin }) : await readText(c, { maxBytes: BODY_LIMITS.admin });
    const result = await importOrders({ db: c.get('db'), store: c.get('merchantStore'), now: c.get('now') }, text, csv ? 'csv' : 'json');
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
    summary: "The store's emails (review requests, questions to buyers, notifications) and their delivery state",
    description: 'Newest first, keyset-paginated; `status=failed` lists what needs a retry, with `lastError` saying why.',
    request: { params: StoreParams, query: z.object({ status: z.enum(outboxStatuses, { error: `status must be one of ${outboxStatuses.join(', ')}` }).optional(), limit: limitQuery(100, 100), cursor: cursorQuery.optional() }) },
    responses: { 200: json(z.object({ emails: z.array(OutboxEmailSchema), nextCursor: z.string().nullable() }), 'One page, newest first'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { status, limit, cursor } = c.req.valid('query');
    const page = await listOutbox(c.get('db'), c.get('merchantStore').id, status, limit, cursor);
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
    const requeued = await retryFailed(c.get('db'), c.get('merchantStore').id, c.get('now'));
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
    const { id } = c.req.valid('param');
    const result = await retryOne(c.get('db'), c.get('merchantStore').id, id, c.get('now'));
    if (result.outcome === 'not_found') throw notFound(`email "${id}"`);
    if (result.outcome === 'not_failed') throw new ApiError('CONFLICT', `only a failed email can be retried; this one is ${result.status}`, { status: result.status });
    await audit(c, { action: 'outbox.retry', target: { kind: 'email', id } });
    return c.json({ id, status: 'queued' as const }, 200);
  },
);
