/** A shopper uploads a photo or video before sending the review that carries it (issue 15). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { domainContext, type AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { readBytes } from '../../http/body';
import { validationHook } from '../../http/validation';
import { acceptedType, declaredType } from '../../media/inspect';
import { IMAGE_TYPES, mediaLimits, VIDEO_TYPES, type ImageType } from '../../media/limits';
import { receiveUpload } from '../../media/uploads';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { UploadIdSchema, UploadSchema } from '../../schemas/media';

export const uploads = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const binary = z.string().openapi({ type: 'string', format: 'binary' });

uploads.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/uploads',
    operationId: 'uploadMedia',
    security: [],
    tags: ['Public'],
    summary: 'Upload a photo or video for a review',
    description:
      'The body is the file itself. Its type is checked by content (magic bytes) against `Content-Type`; EXIF, XMP, IPTC and comments are removed from images. ' +
      'Send the returned id in the review\'s `media` within 24 hours, after which an unused upload is deleted. ' +
      'For a video, upload its poster frame as an image first and pass its id as `poster`.',
    request: {
      params: StoreParams,
      query: z.object({ poster: UploadIdSchema.optional() }),
      body: { required: true, content: Object.fromEntries([...IMAGE_TYPES, ...VIDEO_TYPES].map((t) => [t, { schema: binary }])) },
    },
    responses: { 201: json(UploadSchema, 'Stored; attach it to a review by its id'), ...errorResponses(400, 403, 404, 413, 415, 422, 429, 503) },
  }),
  async (c) => {
    const store = c.get('store');
    const storage = c.get('media');
    if (!storage) throw new ApiError('UNAVAILABLE', 'this deployment has no media storage configured');
    const limits = mediaLimits(store);
    const contentType = acceptedType(declaredType(c.req.header('content-type')), limits);
    const isImage = (IMAGE_TYPES as readonly string[]).includes(contentType);
    const maxBytes = isImage ? limits.maxImageBytes : limits.maxVideoBytes;
    const bytes = await readBytes(c, { maxBytes, what: isImage ? 'the photo' : 'the video' });
    if (bytes.byteLength === 0) throw new ApiError('INVALID_MEDIA', 'the file is empty');
    const upload = await receiveUpload(domainContext(c, store), storage, {
      bytes,
      contentType: contentType as ImageType,
      posterId: c.req.valid('query').poster,
    });
    return c.json(
      {
        upload: {
          id: upload.id,
          kind: upload.kind === 'video' ? ('video' as const) : ('image' as const),
          contentType: upload.contentType,
          width: upload.width,
          height: upload.height,
          bytes: upload.bytes,
          durationSeconds: upload.durationSeconds,
        },
      },
      201,
    );
  },
);
