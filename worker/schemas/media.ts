/** Review photos and videos in the API (issue 15's contract). */
import { z } from '@hono/zod-openapi';
import { ProductIdParam } from './common';

export const UploadIdSchema = z
  .string({ error: 'an upload id is a string such as upl_…' })
  .regex(/^upl_[0-9a-z]{32}$/, { error: 'an upload id looks like upl_ followed by 32 letters or digits' })
  .openapi({ example: 'upl_0a1b2c3d4e5f6g7h8j9k0m1n2p3q4r5s' });

export const UploadSchema = z
  .object({
    upload: z.object({
      id: z.string(),
      kind: z.enum(['image', 'video']),
      contentType: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      bytes: z.number().int(),
      durationSeconds: z.number().nullable(),
    }),
  })
  .openapi('Upload');

export const MediaSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['image', 'video']),
    url: z.string().openapi({ description: 'The file, by content hash; long-lived cache' }),
    thumbnailUrl: z.string().openapi({ description: 'May equal `url`: the browser already bounded the size' }),
    posterUrl: z.string().nullable().openapi({ description: "A video's poster frame; null for photos" }),
    width: z.number().int(),
    height: z.number().int(),
    contentType: z.string(),
  })
  .openapi('Media');

export const AdminMediaSchema = MediaSchema.extend({ hidden: z.boolean() }).openapi('AdminMedia');

export const GalleryItemSchema = MediaSchema.extend({
  reviewId: z.string(),
  rating: z.number().int(),
  authorName: z.string(),
  product: z.string(),
  createdAt: z.string(),
}).openapi('GalleryItem');

export const GalleryQuery = z.object({
  product: ProductIdParam.optional().openapi({ param: { name: 'product', in: 'query' } }),
  // Spelled out rather than imported from ./reviews, which imports this module.
  limit: z.coerce
    .number({ error: 'limit must be an integer from 1 to 48' })
    .int({ error: 'limit must be an integer from 1 to 48' })
    .min(1, { error: 'limit must be an integer from 1 to 48' })
    .max(48, { error: 'limit must be an integer from 1 to 48' })
    .default(24),
  cursor: z.string().max(512, { error: 'cursor is too long' }).optional(),
});

export const GallerySchema = z.object({ items: z.array(GalleryItemSchema), nextCursor: z.string().nullable() }).openapi('Gallery');

export const MediaIdParam = z
  .string()
  .regex(/^upl_[0-9a-z]{32}$/, { error: 'media id must look like upl_ followed by 32 letters or digits' })
  .openapi({ param: { name: 'id', in: 'path' }, example: 'upl_0a1b2c3d4e5f6g7h8j9k0m1n2p3q4r5s' });

export const MediaHiddenSchema = z.strictObject({ hidden: z.boolean({ error: 'hidden must be true or false' }) }).openapi('MediaHidden');
