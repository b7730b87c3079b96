/** A product's published reviews: read them, write one. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { getProduct } from '../../../db/queries/products';
import { productWithReviews } from '../../../db/queries/reviews';
import { writeContext, type AppEnv } from '../../context';
import { notFound } from '../../errors';
import { errorResponses, json, jsonBody, ProductParams } from '../../schemas/common';
import { CreatedReviewSchema, NewReviewSchema, ReviewListQuery, ReviewListSchema } from '../../schemas/reviews';
import { publicReviewJson } from '../../serializers/api-json';
import { submitReview } from '../../domain/reviews';
import { requireTurnstile } from '../../domain/turnstile';
import { validationHook } from '../../http/validation';
import { withVisibleMedia } from '../../media/reads';

export const reviews = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const listRoute = createRoute({
  method: 'get',
  path: '/{store}/products/{product}/reviews',
  operationId: 'listProductReviews',
  security: [],
  tags: ['Public'],
  summary: "A product's published reviews and its rating summary",
  description:
    'Keyset-paginated: pass `nextCursor` back as `cursor` for the next page. The summary is exact and costs one lookup.',
  request: { params: ProductParams, query: ReviewListQuery },
  responses: { 200: json(ReviewListSchema, 'Summary and one page of reviews'), ...errorResponses(400, 404) },
});

reviews.openapi(listRoute, async (c) => {
  const { product: externalId } = c.req.valid('param');
  const query = c.req.valid('query');
  const found = await productWithReviews(c.get('db'), c.get('store').id, externalId, {
    sort: query.sort,
    rating: query.rating,
    verified: query.verified === undefined ? undefined : query.verified === 'true',
    q: query.q,
    withMedia: query.media === 'true',
    cursor: query.cursor,
    limit: query.limit,
  });
  if (!found) throw notFound(`product "${externalId}"`);
  const { summary, page } = found;
  // Most products have no review with a photo: their page needs no media lookup at all.
  const shown = summary.mediaCount === 0 ? page.items : await withVisibleMedia(c.get('db'), c.get('baseUrl'), page.items);
  return c.json({ summary, reviews: shown.map((r) => publicReviewJson(r)), nextCursor: page.nextCursor }, 200);
});

const createReviewRoute = createRoute({
  method: 'post',
  path: '/{store}/products/{product}/reviews',
  operationId: 'createReview',
  security: [],
  tags: ['Public'],
  summary: 'Write a review',
  description:
    "Published at once or held for moderation, per the store's policy — never depending on the rating. " +
    'The body is Markdown; raw HTML is shown as text.',
  request: { params: ProductParams, body: jsonBody(NewReviewSchema) },
  responses: {
    201: json(CreatedReviewSchema, 'Accepted; `status` says whether it is published or pending'),
    ...errorResponses(400, 403, 404, 413, 415, 422, 429, 503),
  },
});

reviews.openapi(createReviewRoute, async (c) => {
  const { product: externalId } = c.req.valid('param');
  const input = c.req.valid('json');
  const store = c.get('store');
  await requireTurnstile(store, input.turnstileToken, { verifyUrl: c.get('turnstileVerifyUrl'), remoteIp: c.get('clientAddress') });
  const product = await getProduct(c.get('db'), store.id, externalId);
  if (!product) throw notFound(`product "${externalId}"`);
  const created = await submitReview(writeContext(c, store), product, {
    rating: input.rating,
    title: input.title,
    body: input.body,
    authorName: input.author.name,
    authorEmail: input.author.email,
    locale: input.locale,
    likelyBot: Boolean(input.website),
    media: input.media,
  });
  return c.json(created, 201);
});
