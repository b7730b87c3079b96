/** Giving uploads to the review they were made for: each must be this store's, unused, and within the limits. */
import { attachMedia, getUnattachedUploads } from '../../db/queries/media';
import type { Store } from '../../db/schema';
import type { Db } from '../../db/client';
import { ApiError } from '../errors';
import { mediaLimits } from './limits';

const invalid = (message: string, id?: string) => new ApiError('INVALID_MEDIA', message, id === undefined ? undefined : { id });

/** Checks `ids` before the review is written, so a refusal leaves nothing behind. */
export async function checkAttachable(db: Db, store: Store, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = new Set(ids);
  if (unique.size !== ids.length) throw invalid('each upload may be sent once');
  const uploads = new Map((await getUnattachedUploads(db, store.id, ids)).map((u) => [u.id, u]));
  for (const id of ids) {
    const upload = uploads.get(id);
    // Another store's upload is answered like an unknown one: its id tells nothing.
    if (!upload) throw invalid(`upload ${id} is not one of this store's unused uploads (they are kept 24 hours)`, id);
    if (upload.kind === 'poster') throw invalid(`upload ${id} is a video's poster; send the video's id only`, id);
  }
  const { maxPhotos } = mediaLimits(store);
  const kinds = [...uploads.values()].map((u) => u.kind);
  if (kinds.filter((k) => k === 'image').length > maxPhotos) throw invalid(`a review may have at most ${maxPhotos} photos`);
  if (kinds.filter((k) => k === 'video').length > 1) throw invalid('a review may have at most one video');
}

/** After the review is written: takes the uploads (and their posters). */
export async function attachUploads(db: Db, store: Store, reviewId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const taken = new Set(await attachMedia(db, store.id, reviewId, ids));
  const lost = ids.find((id) => !taken.has(id));
  // Only a second review racing for the same upload gets here.
  if (lost) throw invalid(`upload ${lost} was used by another review meanwhile`, lost);
}
