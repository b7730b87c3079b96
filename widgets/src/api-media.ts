/**
 * The media half of api.ts (issue 15): uploads, the gallery, and the types of
 * a review's photos and video. Apart from api.ts so a product page without
 * media downloads none of it; only the form, the thumbnails and
 * <verity-gallery> import it.
 */
import type { z } from '@hono/zod-openapi';
import type { MediaLimits as ServerLimits } from '../../worker/media/limits';
import type { GalleryItemSchema, GallerySchema, MediaSchema, UploadSchema } from '../../worker/schemas/media';
import { ApiFailure, request, type ApiErrorBody } from './api';

const enc = encodeURIComponent;

/** A photo or video of a published review, as the API serves it (GET …/reviews, GET …/media). */
export type Media = z.output<typeof MediaSchema>;
/** One gallery item: the media with the review it belongs to. */
export type GalleryItem = z.output<typeof GalleryItemSchema>;
/** What an upload answers: the id the review's `media` names. */
export type Upload = z.output<typeof UploadSchema>['upload'];

/** The store's media limits (GET …/config `media`). */
export type MediaLimits = Omit<ServerLimits, 'acceptImages' | 'acceptVideo'> & { acceptImages: string[]; acceptVideo: string[] };

/** The API's defaults (worker/media/limits.ts; widgets take only types from the server), until the store's own arrive. */
export const defaultLimits: MediaLimits = {
  maxPhotos: 5,
  maxImageBytes: 10 * 1024 * 1024,
  maxImagePixels: 2048,
  maxVideoBytes: 50 * 1024 * 1024,
  maxVideoSeconds: 60,
  acceptImages: ['image/jpeg', 'image/webp', 'image/png'],
  acceptVideo: ['video/mp4', 'video/webm'],
};

/**
 * Uploads one file's bytes. XMLHttpRequest, not fetch: only it reports upload
 * progress (`progress` gets 0…1). `poster`: for a video, the id of its poster
 * frame's upload. Fails with ApiFailure, as every request does.
 */
export function upload(api: string, store: string, body: Blob, options: { poster?: string; progress?: (done: number) => void; signal?: AbortSignal } = {}): Promise<Upload> {
  const url = `${api}/v1/stores/${enc(store)}/uploads${options.poster ? `?poster=${enc(options.poster)}` : ''}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', body.type);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && options.progress?.(e.loaded / e.total);
    xhr.onload = () => {
      const answer = (xhr.response ?? {}) as { upload?: Upload; error?: ApiErrorBody };
      if (xhr.status === 201 && answer.upload) resolve(answer.upload);
      else reject(new ApiFailure(xhr.status, answer.error ?? { code: xhr.status >= 500 ? 'UNAVAILABLE' : 'HTTP', message: xhr.statusText }));
    };
    xhr.onerror = () => reject(new ApiFailure(0, { code: 'NETWORK', message: 'upload failed' }));
    xhr.onabort = () => reject(new ApiFailure(0, { code: 'NETWORK', message: 'upload aborted' }));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

/** Customer photos of a product, or of the whole store without one; newest first, by keyset cursor. */
export function gallery(api: string, store: string, query: { product?: string; limit: number; cursor?: string | null }) {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.product) params.set('product', query.product);
  if (query.cursor) params.set('cursor', query.cursor);
  return request<z.output<typeof GallerySchema>>(`${api}/v1/stores/${enc(store)}/media?${params}`);
}
