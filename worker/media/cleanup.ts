/**
 * Deletes uploads no review took within 24 hours, and their files. Runs with
 * the periodic work (the Node scheduler, the CLI's `scheduler run`, the
 * Worker's cron), one bounded batch per run.
 */
import type { Db } from '../../db/client';
import { deleteUnattachedBefore } from '../../db/queries/media';
import { removeFiles } from './erase';
import { UNATTACHED_TTL_MS } from './limits';
import type { MediaStorage } from './storage';

/** How many uploads were deleted. Rows first, then files: a crash between leaves a file no row names, never a row without its file. */
export async function cleanupUploads(db: Db, storage: MediaStorage | undefined, now: number, batch = 500): Promise<number> {
  const deleted = await deleteUnattachedBefore(db, now - UNATTACHED_TTL_MS, batch);
  await removeFiles(db, storage, deleted);
  return deleted.length;
}
