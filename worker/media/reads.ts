/** Reviews as shown publicly, with their visible media beside them. */
import type { Db } from '../../db/client';
import { listMediaOfReviews } from '../../db/queries/media';
import { mediaJson } from './json';

/** Adds `media` (visible items only) to each review, in one query for the page. */
export async function withVisibleMedia<R extends { id: string }>(db: Db, baseUrl: string, reviews: R[]): Promise<Array<R & { media: ReturnType<typeof mediaJson>[] }>> {
  const byReview = await listMediaOfReviews(db, reviews.map((r) => r.id), { visibleOnly: true });
  return reviews.map((r) => ({ ...r, media: (byReview.get(r.id) ?? []).map((m) => mediaJson(baseUrl, m)) }));
}
