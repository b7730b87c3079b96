/** The dashboard's Insights: trends read from rollups kept on write, for owners and moderators. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { storeInsights } from '../../domain/insights';
import { validationHook } from '../../http/validation';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { InsightsQuery, InsightsSchema } from '../../schemas/insights';

export const adminInsights = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

adminInsights.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/insights',
    operationId: 'getInsights',
    tags: ['Dashboard'],
    security: [{ secretKey: [] }],
    summary: 'Rating over time, distribution, replies, unanswered questions, the request funnel and top products',
    description:
      'Weekly figures by the week a review was written (Monday, UTC), over published reviews; the request funnel counts events in the week they happened. ' +
      'Read from counters the database keeps on every write, so the answer costs the same for a thousand reviews or a million.',
    request: { params: StoreParams, query: InsightsQuery },
    responses: { 200: json(InsightsSchema, 'The store’s insights'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { weeks } = c.req.valid('query');
    return c.json(await storeInsights(c.get('db'), c.get('merchantStore').id, { weeks, now: c.get('now') }), 200);
  },
);
