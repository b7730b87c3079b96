/**
 * What search engines read about a product's reviews: schema.org JSON-LD,
 * whole or as the rating pieces a theme merges into its own Product.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getProduct } from '../../../db/queries/products';
import { listPublishedReviews } from '../../../db/queries/reviews';
import { withVisibleMedia } from '../../media/reads';
import { getProductSummary } from '../../../db/queries/stats';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { scriptJson } from '../../views/json-ld';
import { JSON_LD_REVIEWS, productJsonLd, ratingJsonLd } from '../../views/product-jsonld';
import { errorResponses, ProductParams } from '../../schemas/common';
import { validationHook } from '../../http/validation';

export const structuredData = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** A JSON-LD document, as documented: an object with its context. */
const JsonLdSchema = z.looseObject({ '@context': z.string() });

const JsonLdQuery = z.object({
  variant: z
    .enum(['product', 'rating'], { error: 'variant must be "product" or "rating"' })
    .default('product')
    .openapi({ description: '`rating`: only aggregateRating and review, under the Product `@id`, for a theme that renders its own Product' }),
  id: z
    .url({ protocol: /^https?$/, error: 'id must be the absolute URL your theme uses as its Product @id' })
    .max(2048)
    .optional()
    .openapi({ description: "With variant=rating: your theme's Product `@id`, so the two nodes merge" }),
});

structuredData.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products/{product}/jsonld',
    operationId: 'getProductJsonLd',
    security: [],
    tags: ['Public'],
    summary: "A product's reviews as schema.org JSON-LD (Product, AggregateRating, Review)",
    description:
      'Only published reviews, authors by display name. A product without published reviews gives an empty `@graph`: ' +
      'a Product with no rating, review or offer is an error for Google. Escaped so it is safe to paste into an application/ld+json script element.',
    request: { params: ProductParams, query: JsonLdQuery },
    responses: {
      200: { description: 'JSON-LD', content: { 'application/ld+json': { schema: JsonLdSchema } } },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const { variant, id } = c.req.valid('query');
    const product = await getProduct(c.get('db'), c.get('store').id, externalId);
    if (!product) throw notFound(`product "${externalId}"`);
    const [summary, page] = await Promise.all([
      getProductSummary(c.get('db'), product.id),
      listPublishedReviews(c.get('db'), { productId: product.id, sort: 'helpful', limit: JSON_LD_REVIEWS }),
    ]);
    const input = { product, summary, reviews: await withVisibleMedia(c.get('db'), c.get('baseUrl'), page.items), baseUrl: c.get('baseUrl') };
    const doc = variant === 'rating' ? ratingJsonLd({ ...input, id }) : productJsonLd(input);
    // Not c.json(): JSON-LD has its own media type, and is escaped so it can be pasted into a <script>.
    // zod-openapi types every *json response as c.json()'s; the body is the documented schema all the same.
    return c.body(scriptJson(doc), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' }) as never;
  },
);
