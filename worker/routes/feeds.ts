/**
 * Review feeds for search engines: the Google product reviews feed of a store
 * (public, like the reviews it lists) and, for the merchant, its URL with the
 * feed token. Mounted at /v1 so both paths keep the middleware of their kind
 * in app.ts: the feed gets the public store middleware (the store resolved or
 * NOT_FOUND, CORS open for reads like every public read; the write limit and
 * the JSON body check pass GETs through, so a crawler is never limited), the
 * merchant route gets the secret-key check.
 *
 * Access: the feed is public, because everything in it is already public
 * through GET …/reviews. `?token=` is optional; when given it must be the
 * store's feed token (a wrong or stale one is refused, never silently
 * ignored), so a merchant who registers the tokened URL with Google is told at
 * once if it stops being valid. With the token the feed adds what the public
 * API never shows: the order behind each verified review, as transaction_id.
 * Making the token required is a store setting for the settings API to add;
 * this route would then refuse requests without it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getFeedVersion } from '../../db/queries/feed';
import { readVersions } from '../../db/queries/content-versions';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';
import { feedToken, feedTokenMatches } from '../domain/feed-token';
import { FEED_CONTENT_TYPE, feedEtag, googleProductReviewsFeed } from '../views/google-product-reviews';
import { errorResponses, json, StoreParams } from '../schemas/common';
import { validationHook } from '../http/validation';
import { urls } from '../domain/urls';

export const feeds = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** Google fetches a feed about daily; an hour keeps a CDN from serving day-old reviews. */
const CACHE_CONTROL = 'public, max-age=3600';



function matchesIfNoneMatch(header: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => bare(tag) === bare(etag));
}

feeds.openapi(
  createRoute({
    method: 'get',
    path: '/stores/{store}/feeds/google-product-reviews.xml',
    operationId: 'getGoogleProductReviewsFeed',
    security: [],
    tags: ['Public'],
    summary: 'Google product reviews feed (schema 2.4)',
    description:
      "Every published review of the store, oldest first, as Google's product reviews feed, version 2.4, streamed. " +
      'Cacheable: send If-None-Match with the ETag (or If-Modified-Since) to get 304 when nothing changed. ' +
      'Public; `token` (from GET /v1/admin/stores/{store}/feeds) is optional, refused when wrong, and adds each verified ' +
      "review's order as transaction_id.",
    request: {
      params: StoreParams,
      query: z.object({ token: z.string().max(200, { error: 'token is at most 200 characters' }).optional() }),
    },
    responses: {
      200: { description: 'The feed', content: { 'application/xml': { schema: z.string() } } },
      304: { description: 'Not modified since the ETag or date sent' },
      ...errorResponses(400, 403, 404),
    },
  }),
  async (c) => {
    const store = c.get('store');
    const { token } = c.req.valid('query');
    if (token !== undefined && !(await feedTokenMatches(store.linkSecret, token))) {
      throw new ApiError(
        'FORBIDDEN',
        `this feed token is not valid for store "${store.id}"; the current feed URL is at GET /v1/admin/stores/${store.id}/feeds`,
      );
    }
    const [version, [contentVersion]] = await Promise.all([getFeedVersion(c.get('db'), store.id), readVersions(c.get('db'), store.id, ['any'])]);
    const withOrders = token !== undefined;
    const etag = await feedEtag(version, { baseUrl: c.get('baseUrl'), storeName: c.get('store').name, withOrders }, contentVersion!);
    const modified = Math.max(store.createdAt, version.reviewsUpdatedAt ?? 0, version.productsUpdatedAt ?? 0);
    c.header('Cache-Control', CACHE_CONTROL);
    c.header('ETag', etag);
    c.header('Last-Modified', new Date(modified).toUTCString());

    const ifNoneMatch = c.req.header('if-none-match');
    const ifModifiedSince = Date.parse(c.req.header('if-modified-since') ?? '');
    const fresh =
      ifNoneMatch !== undefined
        ? matchesIfNoneMatch(ifNoneMatch, etag)
        : Number.isFinite(ifModifiedSince) && Math.floor(modified / 1000) <= Math.floor(ifModifiedSince / 1000);
    if (fresh) return c.body(null, 304);

    c.header('Content-Type', FEED_CONTENT_TYPE);
    return c.body(googleProductReviewsFeed({ db: c.get('db'), store, baseUrl: c.get('baseUrl'), withOrders }), 200);
  },
);

const FeedsSchema = z
  .object({
    googleProductReviews: z.object({
      schemaVersion: z.literal('2.4'),
      url: z.string().openapi({ description: 'The public feed URL' }),
      urlWithToken: z
        .string()
        .openapi({ description: "The same feed with the store's feed token and each verified review's order: the URL to give Google Merchant Center" }),
      tokenRequired: z.boolean().openapi({ description: 'Whether the feed refuses requests without the token (not yet: see the feed route)' }),
    }),
  })
  .openapi('StoreFeeds');

feeds.openapi(
  createRoute({
    method: 'get',
    path: '/admin/stores/{store}/feeds',
    operationId: 'getStoreFeeds',
    tags: ['Merchant'],
    security: [{ secretKey: [] }],
    summary: "The store's review feed URLs",
    description: 'The Google product reviews feed URL to register in Google Merchant Center, with and without the feed token.',
    request: { params: StoreParams },
    responses: { 200: json(FeedsSchema, 'Feed URLs'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const store = c.get('merchantStore');
    const url = urls.googleReviewsFeed(c.get('baseUrl'), store.id);
    const token = await feedToken(store.linkSecret);
    return c.json(
      { googleProductReviews: { schemaVersion: '2.4' as const, url, urlWithToken: urls.googleReviewsFeed(c.get('baseUrl'), store.id, token), tokenRequired: false } },
      200,
    );
  },
);
