/**
 * Deleting media files once their rows are gone. The rows go with their
 * review (foreign key, same statement); the files are outside the database,
 * so whoever deletes reviews collects their files first and calls this after.
 * A file shared by another upload of the same bytes stays while it is named.
 */
import type { Db } from '../../db/client';
import { unreferencedFiles, type StoredMediaFile } from '../../db/queries/media';
import { EXTENSIONS, type ImageType, type VideoType } from './limits';
import { mediaKey, type MediaStorage } from './storage';

export async function removeFiles(db: Db, storage: MediaStorage | undefined, files: StoredMediaFile[]): Promise<number> {
  if (!storage || files.length === 0) return 0;
  const gone = await unreferencedFiles(db, files);
  for (const f of gone) await storage.delete(mediaKey(f.storeId, f.sha256, EXTENSIONS[f.contentType as ImageType | VideoType]));
  return gone.length;
}
