/** Customer photos and videos of a product, or of the whole store: what <verity-gallery> shows. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listGallery } from '../../../db/queries/media';
import { getProduct } from '../../../db/queries/products';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { validationHook } from '../../http/validation';
import { galleryItemJson } from '../../media/json';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { GalleryQuery, GallerySchema } from '../../schemas/media';

export const gallery = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

gallery.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/media',
    operationId: 'listGallery',
    security: [],
    tags: ['Public'],
    summary: 'Visible review photos and videos, newest first',
    description: 'Only media of published reviews that the merchant has not hidden. Keyset-paginated: pass `nextCursor` back as `cursor`.',
    request: { params: StoreParams, query: GalleryQuery },
    responses: { 200: json(GallerySchema, 'One page of media'), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const { product: externalId, cursor, limit } = c.req.valid('query');
    const storeId = c.get('store').id;
    let productId: number | undefined;
    if (externalId !== undefined) {
      const product = await getProduct(c.get('db'), storeId, externalId);
      if (!product) throw notFound(`product "${externalId}"`);
      productId = product.id;
    }
    const page = await listGallery(c.get('db'), { storeId, productId, cursor, limit });
    return c.json({ items: page.items.map((m) => galleryItemJson(c.get('baseUrl'), m)), nextCursor: page.nextCursor }, 200);
  },
);
