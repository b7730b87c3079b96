/** The inbox: everything waiting for a decision, with filters and counts, and bulk moderation across kinds. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { hydrateInbox, inboxCounts, listInboxRefs, type InboxKind } from '../../../db/queries/inbox';
import { getProduct } from '../../../db/queries/products';
import { domainContext, type AppEnv } from '../../context';
import { moderateInbox } from '../../domain/inbox';
import { notFound } from '../../errors';
import { validationHook } from '../../http/validation';
import { authorsWords } from '../../http/authors-words';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { InboxModerationSchema, InboxQuery, InboxSchema } from '../../schemas/inbox';
import { inboxItemJson } from '../../serializers/inbox';
import { adminMediaOf } from '../../media/reads';

export const adminInbox = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

adminInbox.use('/:store/inbox/*', authorsWords());

const security = [{ secretKey: [] }];
const kindsOf = { reviews: ['review'], questions: ['question'], answers: ['answer'], reported: ['review', 'question', 'answer'] } as const satisfies Record<string, readonly InboxKind[]>;

adminInbox.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/inbox',
    operationId: 'getInbox',
    tags: ['Merchant'],
    security,
    summary: 'What needs a decision: pending reviews, questions and answers, and reported content, newest first',
    description:
      'One tab at a time, keyset-paginated (`nextCursor`). `counts` are exact and ignore the filters: pending per kind, and reported items ' +
      'not decided since their last report (any moderation, including keeping an item published, decides it).',
    request: { params: StoreParams, query: InboxQuery },
    responses: { 200: json(InboxSchema, 'One page of the tab, and the counts of every tab'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { tab, product, status, cursor, limit, ...filters } = c.req.valid('query');
    const storeId = c.get('merchantStore').id;
    let productId: number | undefined;
    if (product !== undefined) {
      const found = await getProduct(c.get('db'), storeId, product);
      if (!found) throw notFound(`product "${product}"`);
      productId = found.id;
    }
    const [page, counts] = await Promise.all([
      listInboxRefs(c.get('db'), {
        storeId,
        ...filters,
        productId,
        status: status ?? (tab === 'reported' ? undefined : 'pending'),
        reported: tab === 'reported',
        kinds: kindsOf[tab],
        cursor,
        limit,
        cursorName: `inbox:${tab}`,
      }),
      inboxCounts(c.get('db'), storeId),
    ]);
    const rows = await hydrateInbox(c.get('db'), storeId, page.refs);
    const media = await adminMediaOf(c.get('db'), c.get('baseUrl'), rows.filter((r) => r.kind === 'review').map((r) => r.id));
    const items = rows.map((r) => ({ ...inboxItemJson(r), ...(r.kind === 'review' ? { media: media.get(r.id) ?? [] } : {}) }));
    return c.json({ items, nextCursor: page.nextCursor, counts }, 200);
  },
);

adminInbox.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/inbox/moderate',
    operationId: 'moderateInbox',
    tags: ['Merchant'],
    security,
    summary: 'Set the status of many reviews, questions and answers at once',
    description: `Up to 200 items of any kinds. Items of other stores and unknown ids are skipped; \`updated\` counts what changed. Each change is in the audit log.`,
    request: { params: StoreParams, body: jsonBody(InboxModerationSchema) },
    responses: { 200: json(z.object({ updated: z.number().int() }), 'How many items changed'), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
  async (c) => {
    const { items, status } = c.req.valid('json');
    const updated = await moderateInbox(domainContext(c, c.get('merchantStore')), c.get('actor'), items, status);
    return c.json({ updated }, 200);
  },
);
