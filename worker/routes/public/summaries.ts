/** Star summaries for many products in one call, for collection pages. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getSummaries } from '../../../db/queries/stats';
import type { AppEnv } from '../../context';
import { errorResponses, json, StoreParams, SummarySchema } from '../../schemas/common';
import { validationHook } from '../../http/validation';

export const MAX_SUMMARY_PRODUCTS = 100;

export const summaries = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const productList = z
  .string({ error: 'products is required: a comma-separated list of product ids' })
  .transform((s) => [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))])
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { error: 'each product id must be 1-128 letters, digits, ".", "_", ":" or "-"' }))
      .min(1, { error: 'products must name at least one product id' })
      .max(MAX_SUMMARY_PRODUCTS, { error: `products may name at most ${MAX_SUMMARY_PRODUCTS} ids` }),
  )
  .openapi({ type: 'string', example: 'classic-tee,canvas-tote' });

const route = createRoute({
  method: 'get',
  path: '/{store}/summaries',
  operationId: 'getRatingSummaries',
  security: [],
  tags: ['Public'],
  summary: 'Rating summaries for many products at once',
  description: `Up to ${MAX_SUMMARY_PRODUCTS} comma-separated product ids; products without reviews (or unknown) get a zero summary.`,
  request: { params: StoreParams, query: z.object({ products: productList }) },
  responses: {
    200: json(z.object({ summaries: z.record(z.string(), SummarySchema) }), 'Summaries keyed by product id'),
    ...errorResponses(400, 404),
  },
});

summaries.openapi(route, async (c) => {
  const { products } = c.req.valid('query');
  return c.json({ summaries: await getSummaries(c.get('db'), c.get('store').id, products) }, 200);
});
