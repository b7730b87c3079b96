/** Moderation: list every review of the store, publish/reject/spam, delete, reply in public. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getProduct } from '../../../db/queries/products';
import { deleteReply, deleteReview, getStoreReview, listStoreReviews, setReviewStatus } from '../../../db/queries/reviews';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { replyToReview } from '../../domain/reviews';
import { AdminReviewListSchema, AdminReviewQuery, BulkModerationSchema, ReplyBodySchema, StatusBodySchema } from '../../schemas/admin';
import { errorResponses, json, jsonBody, ReplySchema, ReviewParams, StoreParams } from '../../schemas/common';
import { AdminReviewSchema } from '../../schemas/reviews';
import { adminReviewJson, replyJson } from '../../serializers/api-json';
import { validationHook } from '../../http/validation';
import { audit, auditStatus, statusesBefore } from '../../http/audit-trail';
import { authorsWords } from '../../http/authors-words';
import { mediaFilesOfReviews } from '../../../db/queries/media';
import { removeFiles } from '../../media/erase';

export const adminReviews = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// `/:store/reviews/*` also matches `/:store/reviews`.
adminReviews.use('/:store/reviews/*', authorsWords());

const authErrors = [400, 401, 403, 404] as const;
const security = [{ secretKey: [] }];

adminReviews.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/reviews',
    operationId: 'listStoreReviews',
    tags: ['Merchant'],
    security,
    summary: 'List reviews of every status, newest first',
    request: { params: StoreParams, query: AdminReviewQuery },
    responses: { 200: json(AdminReviewListSchema, 'One page of reviews'), ...errorResponses(...authErrors) },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const storeId = c.get('merchantStore').id;
    let productId: number | undefined;
    if (query.product !== undefined) {
      const product = await getProduct(c.get('db'), storeId, query.product);
      if (!product) throw notFound(`product "${query.product}"`);
      productId = product.id;
    }
    const page = await listStoreReviews(c.get('db'), { ...query, storeId, productId });
    return c.json({ reviews: page.items.map(adminReviewJson), nextCursor: page.nextCursor }, 200);
  },
);

adminReviews.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}/reviews/{id}',
    operationId: 'moderateReview',
    tags: ['Merchant'],
    security,
    summary: 'Publish, reject or mark a review as spam',
    description: 'The rating summary follows in the same transaction. A review\'s rating and text are its author\'s: a body naming rating, title, body or author is refused (422 UNPROCESSABLE, `details.field`).',
    request: { params: ReviewParams, body: jsonBody(StatusBodySchema) },
    responses: { 200: json(AdminReviewSchema, 'The review after the change'), ...errorResponses(...authErrors, 413, 415, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    const storeId = c.get('merchantStore').id;
    const before = await statusesBefore(c, 'reviews', [id]);
    const [changed] = await setReviewStatus(c.get('db'), storeId, [id], status, c.get('now'));
    const review = changed && (await getStoreReview(c.get('db'), storeId, changed));
    if (!review) throw notFound(`review "${id}"`);
    await auditStatus(c, 'reviews', before, [changed], status);
    return c.json(adminReviewJson(review), 200);
  },
);

adminReviews.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/reviews/moderate',
    operationId: 'moderateReviews',
    tags: ['Merchant'],
    security,
    summary: 'Set the status of many reviews at once',
    description: 'All-or-nothing in one statement; ids of other stores or unknown ids are listed in `notFound`.',
    request: { params: StoreParams, body: jsonBody(BulkModerationSchema) },
    responses: {
      200: json(z.object({ updated: z.array(z.string()), notFound: z.array(z.string()) }), 'Which ids changed'),
      ...errorResponses(...authErrors, 413, 415, 422),
    },
  }),
  async (c) => {
    const { ids, status } = c.req.valid('json');
    const unique = [...new Set(ids)];
    const before = await statusesBefore(c, 'reviews', unique);
    const updated = await setReviewStatus(c.get('db'), c.get('merchantStore').id, unique, status, c.get('now'));
    await auditStatus(c, 'reviews', before, updated, status);
    const found = new Set(updated);
    return c.json({ updated, notFound: unique.filter((id) => !found.has(id)) }, 200);
  },
);

adminReviews.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/reviews/{id}',
    operationId: 'deleteReview',
    tags: ['Merchant'],
    security,
    summary: 'Delete a review for good (with its reply, votes and reports)',
    request: { params: ReviewParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(...authErrors) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const files = await mediaFilesOfReviews(c.get('db'), c.get('merchantStore').id, [id]);
    if (!(await deleteReview(c.get('db'), c.get('merchantStore').id, id))) throw notFound(`review "${id}"`);
    await removeFiles(c.get('db'), c.get('media'), files);
    await audit(c, { action: 'review.delete', target: { kind: 'review', id } });
    return c.body(null, 204);
  },
);

adminReviews.openapi(
  createRoute({
    method: 'put',
    path: '/{store}/reviews/{id}/reply',
    operationId: 'putReviewReply',
    tags: ['Merchant'],
    security,
    summary: "Write or edit the store's public reply to a review",
    request: { params: ReviewParams, body: jsonBody(ReplyBodySchema) },
    responses: { 200: json(ReplySchema, 'The reply as shoppers will see it'), ...errorResponses(...authErrors, 413, 415, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { body } = c.req.valid('json');
    const review = await getStoreReview(c.get('db'), c.get('merchantStore').id, id);
    if (!review) throw notFound(`review "${id}"`);
    const reply = await replyToReview({ db: c.get('db'), now: c.get('now') }, review.id, body);
    await audit(c, { action: review.reply ? 'reply.update' : 'reply.create', target: { kind: 'review', id } });
    return c.json(replyJson(reply)!, 200);
  },
);

adminReviews.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/reviews/{id}/reply',
    operationId: 'deleteReviewReply',
    tags: ['Merchant'],
    security,
    summary: "Remove the store's reply",
    request: { params: ReviewParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses(...authErrors) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const review = await getStoreReview(c.get('db'), c.get('merchantStore').id, id);
    if (!review || !(await deleteReply(c.get('db'), review.id))) throw notFound(`reply to review "${id}"`);
    await audit(c, { action: 'reply.delete', target: { kind: 'review', id } });
    return c.body(null, 204);
  },
);
