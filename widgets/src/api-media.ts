/**
 * The media half of api.ts (issue 15): uploads, the gallery, and the types of
 * a review's photos and video. Apart from api.ts so a product page without
 * media downloads none of it; only the form, the thumbnails and
 * <verity-gallery> import it.
 */
import { ApiFailure, request, type ApiErrorBody } from './api';

const enc = encodeURIComponent;

/** A photo or video of a published review, as the API serves it (GET …/reviews, GET …/media). */
export interface Media {
  id: string;
  kind: 'image' | 'video';
  url: string;
  thumbnailUrl: string;
  /** Only for a video: its poster frame. */
  posterUrl: string | null;
  width: number;
  height: number;
  contentType: string;
}

/** One gallery item: the media with the review it belongs to. */
export interface GalleryItem extends Media {
  reviewId: string;
  rating: number;
  authorName: string;
  product: string;
  createdAt: string;
}

/** What an upload answers: the id the review's `media` names. */
export interface Upload {
  id: string;
  kind: 'image' | 'video';
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  durationSeconds: number | null;
}

/** The store's media limits (GET …/config `media`), with the API's defaults for a server that sends none. */
export interface MediaLimits {
  maxPhotos: number;
  maxImageBytes: number;
  maxImagePixels: number;
  maxVideoBytes: number;
  maxVideoSeconds: number;
  acceptImages: string[];
  acceptVideo: string[];
}

export const defaultLimits: MediaLimits = {
  maxPhotos: 5,
  maxImageBytes: 10 * 1024 * 1024,
  maxImagePixels: 2048,
  maxVideoBytes: 50 * 1024 * 1024,
  maxVideoSeconds: 60,
  acceptImages: ['image/jpeg', 'image/webp', 'image/png'],
  acceptVideo: ['video/mp4', 'video/webm'],
};

/** A review's visible media; a server without media support sends none. */
export const mediaOf = (review: object): Media[] => (review as { media?: Media[] }).media ?? [];

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
  return request<{ items: GalleryItem[]; nextCursor: string | null }>(`${api}/v1/stores/${enc(store)}/media?${params}`);
}
