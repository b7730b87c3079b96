/** Receiving a shopper's photo or video: checked, stripped, stored by content hash, recorded unattached. */
import { insertMedia, markPoster, getUnattachedUploads } from '../../db/queries/media';
import type { ReviewMedia } from '../../db/schema';
import type { DomainContext } from '../domain/context';
import { ApiError } from '../errors';
import { randomId } from '../lib/crypto';
import { inspectMedia } from './inspect';
import { EXTENSIONS, type ImageType, type VideoType } from './limits';
import { mediaKey, type MediaStorage } from './storage';
import { mediaLimits } from './limits';

export async function sha256HexOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface UploadInput {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: ImageType | VideoType;
  /** A video's poster frame: an unattached image upload of the same store. */
  posterId?: string;
}

export async function receiveUpload(ctx: DomainContext, storage: MediaStorage, input: UploadInput): Promise<ReviewMedia> {
  const { db, store, now } = ctx;
  const limits = mediaLimits(store);
  const media = await inspectMedia(input.bytes, input.contentType, limits);
  let poster: ReviewMedia | undefined;
  if (input.posterId !== undefined) {
    if (media.kind !== 'video') throw new ApiError('INVALID_MEDIA', 'only a video has a poster', { id: input.posterId });
    [poster] = await getUnattachedUploads(db, store.id, [input.posterId]);
    if (!poster || poster.kind !== 'image') {
      throw new ApiError('INVALID_MEDIA', `poster ${input.posterId} is not an image uploaded to this store and not yet used`, { id: input.posterId });
    }
  }
  const sha256 = await sha256HexOf(media.bytes);
  // Stored before the row exists: a row never names a missing file; a file without a row is at worst a leftover.
  await storage.put(mediaKey(store.id, sha256, EXTENSIONS[media.contentType]), media.bytes, media.contentType);
  if (poster && !(await markPoster(db, store.id, poster.id))) {
    throw new ApiError('INVALID_MEDIA', `poster ${poster.id} was used meanwhile`, { id: poster.id });
  }
  return insertMedia(db, {
    id: randomId('upl', 16),
    storeId: store.id,
    kind: media.kind,
    contentType: media.contentType,
    sha256,
    bytes: media.bytes.byteLength,
    // A container that does not state its frame size takes its poster's.
    width: media.width || poster?.width || 0,
    height: media.height || poster?.height || 0,
    durationSeconds: media.durationSeconds,
    posterMediaId: poster?.id ?? null,
    now,
  });
}
