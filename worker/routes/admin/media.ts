/** The merchant hides or shows one photo or video, and sees any of the store's files whatever their status. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getStoreMedia, setMediaHidden } from '../../../db/queries/media';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { audit } from '../../http/audit-trail';
import { validationHook } from '../../http/validation';
import { EXTENSIONS, type ImageType, type VideoType } from '../../media/limits';
import { errorResponses, json, jsonBody, StoreIdParam } from '../../schemas/common';
import { MediaHiddenSchema, MediaIdParam } from '../../schemas/media';
import { mediaKey } from '../../media/storage';
import { fileRequest, serveStoredFile } from '../media-files';

export const adminMedia = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];
const MediaParams = z.object({ store: StoreIdParam, id: MediaIdParam });

adminMedia.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}/media/{id}',
    operationId: 'setMediaHidden',
    tags: ['Merchant'],
    security,
    summary: "Hide or show one photo or video of a review",
    description: 'A hidden item is never served publicly; the review itself is unchanged. Audited as `media.hide` / `media.show`.',
    request: { params: MediaParams, body: jsonBody(MediaHiddenSchema) },
    responses: {
      200: json(z.object({ media: z.object({ id: z.string(), hidden: z.boolean() }) }), 'The item after the change'),
      ...errorResponses(400, 401, 403, 404, 413, 415),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { hidden } = c.req.valid('json');
    const row = await setMediaHidden(c.get('db'), c.get('merchantStore').id, id, hidden);
    if (!row) throw notFound(`media ${id}`);
    await audit(c, { action: hidden ? 'media.hide' : 'media.show', target: { kind: 'media', id }, details: { reviewId: row.reviewId } });
    return c.json({ media: { id: row.id, hidden: row.hidden } }, 200);
  },
);

adminMedia.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/media/{id}/file',
    operationId: 'getMediaFile',
    tags: ['Merchant'],
    security,
    summary: 'The file of any media item of the store: hidden ones, and those of reviews not published',
    request: { params: MediaParams },
    responses: { 200: { description: 'The file' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const row = await getStoreMedia(c.get('db'), c.get('merchantStore').id, id);
    if (!row) throw notFound(`media ${id}`);
    // Behind a session or key: no shared cache may keep it. Ranges too, so the inbox can seek a video.
    return serveStoredFile(
      c.get('media'),
      mediaKey(row.storeId, row.sha256, EXTENSIONS[row.contentType as ImageType | VideoType]),
      fileRequest((name) => c.req.header(name)),
      { contentType: row.contentType, cacheControl: 'private, no-store', etag: `"${row.sha256}"` },
    );
  },
);
