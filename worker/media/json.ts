/** Media rows to the API's shapes: public URLs by content hash (issue 15's contract). */
import type { MediaWithPoster, GalleryItem } from '../../db/queries/media';
import { EXTENSIONS, type ImageType, type VideoType } from './limits';

const ext = (contentType: string) => EXTENSIONS[contentType as ImageType | VideoType] ?? 'bin';

/** `GET /media/:store/:sha256.:ext`: the public file URL. */
export const mediaFileUrl = (baseUrl: string, storeId: string, sha256: string, contentType: string) =>
  `${baseUrl}/media/${encodeURIComponent(storeId)}/${sha256}.${ext(contentType)}`;

export function mediaJson(baseUrl: string, m: MediaWithPoster) {
  const url = mediaFileUrl(baseUrl, m.storeId, m.sha256, m.contentType);
  const posterUrl = m.poster ? mediaFileUrl(baseUrl, m.storeId, m.poster.sha256, m.poster.contentType) : null;
  return {
    id: m.id,
    kind: m.kind === 'video' ? ('video' as const) : ('image' as const),
    url,
    // No resizing on the server (Workers has no image codec): the browser already bounded the size.
    thumbnailUrl: m.kind === 'video' ? (posterUrl ?? url) : url,
    posterUrl,
    width: m.width,
    height: m.height,
    contentType: m.contentType,
  };
}

/** The merchant's view: hidden items too, with their flag, and URLs that work whatever the review's status (session or key). */
export function adminMediaJson(baseUrl: string, m: MediaWithPoster) {
  const file = (id: string) => `${baseUrl}/v1/admin/stores/${encodeURIComponent(m.storeId)}/media/${id}/file`;
  const posterUrl = m.posterMediaId ? file(m.posterMediaId) : null;
  return { ...mediaJson(baseUrl, m), url: file(m.id), thumbnailUrl: m.kind === 'video' ? (posterUrl ?? file(m.id)) : file(m.id), posterUrl, hidden: m.hidden };
}

export function galleryItemJson(baseUrl: string, m: GalleryItem) {
  return { ...mediaJson(baseUrl, m), reviewId: m.reviewId!, rating: m.rating, authorName: m.authorName, product: m.product, createdAt: new Date(m.createdAt).toISOString() };
}
