/** The store's catalogue: products are addressed by the id the merchant's platform gives them. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { hydrateInbox, listInboxRefs } from '../../../db/queries/inbox';
import { getProduct, listProducts, productFigures, upsertProducts, type ProductFigures } from '../../../db/queries/products';
import { isIdentified, missingForSearch } from '../../domain/product-identifiers';
import type { Product } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { BulkProductsSchema, ProductBodySchema, ProductContentQuery, ProductListQuery, ProductSchema, ProductWithFiguresSchema } from '../../schemas/admin';
import { InboxItemSchema } from '../../schemas/inbox';
import { inboxItemJson } from '../../serializers/inbox';
import { notFound } from '../../errors';
import { errorResponses, json, jsonBody, ProductParams, StoreParams } from '../../schemas/common';
import { validationHook } from '../../http/validation';
import { audit } from '../../http/audit-trail';

export const adminProducts = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

const productJson = (p: Product) => ({
  id: p.externalId,
  name: p.name,
  url: p.url,
  imageUrl: p.imageUrl,
  sku: p.sku,
  gtin: p.gtin,
  mpn: p.mpn,
  brand: p.brand,
  identified: isIdentified(p),
  missingForSearch: missingForSearch(p),
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
});

const withFigures = (p: Product, f: ProductFigures | undefined) => ({
  ...productJson(p),
  averageRating: f && f.reviewCount > 0 ? Math.round((f.ratingSum / f.reviewCount) * 100) / 100 : null,
  reviewCount: f?.reviewCount ?? 0,
  verifiedShare: f && f.reviewCount > 0 ? Math.round((f.verifiedCount / f.reviewCount) * 1000) / 1000 : null,
  unansweredQuestions: f?.unansweredQuestions ?? 0,
});

adminProducts.openapi(
  createRoute({
    method: 'put',
    path: '/{store}/products/{product}',
    operationId: 'putProduct',
    tags: ['Merchant'],
    security,
    summary: 'Create or replace one product',
    request: { params: ProductParams, body: jsonBody(ProductBodySchema) },
    responses: { 200: json(ProductSchema, 'The product as stored'), ...errorResponses(400, 401, 403, 413, 415) },
  }),
  async (c) => {
    const { product } = c.req.valid('param');
    const [row] = await upsertProducts(c.get('db'), c.get('merchantStore').id, [{ ...c.req.valid('json'), externalId: product }], c.get('now'));
    await audit(c, { action: 'product.update', target: { kind: 'product', id: product }, details: { fields: Object.keys(c.req.valid('json')) } });
    return c.json(productJson(row!), 200);
  },
);

adminProducts.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/products',
    operationId: 'putProducts',
    tags: ['Merchant'],
    security,
    summary: 'Create or replace many products at once',
    description: 'All-or-nothing: one invalid item rejects the request and stores nothing.',
    request: { params: StoreParams, body: jsonBody(BulkProductsSchema) },
    responses: {
      200: json(z.object({ products: z.array(ProductSchema) }), 'The products as stored'),
      ...errorResponses(400, 401, 403, 413, 415),
    },
  }),
  async (c) => {
    const items = c.req.valid('json').map(({ id, ...rest }) => ({ ...rest, externalId: id }));
    const rows = await upsertProducts(c.get('db'), c.get('merchantStore').id, items, c.get('now'));
    await audit(c, { action: 'product.update', details: { products: rows.length } });
    return c.json({ products: rows.map(productJson) }, 200);
  },
);

adminProducts.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products',
    operationId: 'listProducts',
    tags: ['Merchant'],
    security,
    summary: 'The catalogue, or with missing=identifiers the products search engines cannot match',
    description:
      "Each product says whether it is `identified` (a GTIN, or brand and MPN: what Google matches reviews on) and which fields are `missingForSearch`, " +
      'with its average rating, review count, verified share and unanswered questions. `q` finds products by part of the name or id. Keyset-paginated by product id.',
    request: { params: StoreParams, query: ProductListQuery },
    responses: {
      200: json(z.object({ products: z.array(ProductWithFiguresSchema), nextCursor: z.string().nullable() }), 'One page of products'),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const { missing, limit, cursor, q } = c.req.valid('query');
    const page = await listProducts(c.get('db'), { storeId: c.get('merchantStore').id, cursor, limit, unidentified: missing === 'identifiers', q });
    const figures = await productFigures(c.get('db'), page.items.map((p) => p.id));
    return c.json({ products: page.items.map((p) => withFigures(p, figures.get(p.id))), nextCursor: page.nextCursor }, 200);
  },
);

adminProducts.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products/{product}/content',
    operationId: 'getProductContent',
    tags: ['Merchant'],
    security,
    summary: "Everything written about one product: its reviews and questions of every status, newest first",
    description: 'Items have the inbox shape. `kind` keeps one kind; keyset-paginated.',
    request: { params: ProductParams, query: ProductContentQuery },
    responses: {
      200: json(z.object({ product: ProductWithFiguresSchema, items: z.array(InboxItemSchema), nextCursor: z.string().nullable() }), 'The product and one page of its content'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const { kind, limit, cursor } = c.req.valid('query');
    const storeId = c.get('merchantStore').id;
    const product = await getProduct(c.get('db'), storeId, externalId);
    if (!product) throw notFound(`product "${externalId}"`);
    const [figures, page] = await Promise.all([
      productFigures(c.get('db'), [product.id]),
      listInboxRefs(c.get('db'), { storeId, productId: product.id, kinds: kind ? [kind] : ['review', 'question'], cursor, limit, cursorName: `content:${kind ?? 'all'}` }),
    ]);
    const rows = await hydrateInbox(c.get('db'), storeId, page.refs);
    return c.json({ product: withFigures(product, figures.get(product.id)), items: rows.map(inboxItemJson), nextCursor: page.nextCursor }, 200);
  },
);
