/** The store's catalogue: products are addressed by the id the merchant's platform gives them. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listProducts, upsertProducts } from '../../../db/queries/products';
import { decodeCursor, encodeCursor } from '../../../db/queries/keyset';
import { isIdentified, missingForSearch } from '../../domain/product-identifiers';
import type { Product } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { BulkProductsSchema, ProductBodySchema, ProductListQuery, ProductSchema } from '../../schemas/admin';
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
    const [row] = await upsertProducts(c.var.db, c.var.merchantStoreId, [{ ...c.req.valid('json'), externalId: product }], c.var.now);
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
    const rows = await upsertProducts(c.var.db, c.var.merchantStoreId, items, c.var.now);
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
      "Each product says whether it is `identified` (a GTIN, or brand and MPN: what Google matches reviews on) and which fields are `missingForSearch`. Keyset-paginated by product id.",
    request: { params: StoreParams, query: ProductListQuery },
    responses: {
      200: json(z.object({ products: z.array(ProductSchema), nextCursor: z.string().nullable() }), 'One page of products'),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const { missing, limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? undefined : String(decodeCursor(cursor, 'products', ['string'])[0]);
    const rows = await listProducts(c.var.db, { storeId: c.var.merchantStoreId, after, limit: limit + 1, unidentified: missing === 'identifiers' });
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor('products', [page.at(-1)!.externalId]) : null;
    return c.json({ products: page.map(productJson), nextCursor }, 200);
  },
);
