/** Reviews as shown publicly, with their visible media beside them. */
import type { Db } from '../../db/client';
import { listMediaOfReviews } from '../../db/queries/media';
import { adminMediaJson, mediaJson } from './json';

/** Adds `media` (visible items only) to each review, in one query for the page. */
export async function withVisibleMedia<R extends { id: string }>(db: Db, baseUrl: string, reviews: R[]): Promise<Array<R & { media: ReturnType<typeof mediaJson>[] }>> {
  const byReview = await listMediaOfReviews(db, reviews.map((r) => r.id), { visibleOnly: true });
  return reviews.map((r) => ({ ...r, media: (byReview.get(r.id) ?? []).map((m) => mediaJson(baseUrl, m)) }));
}

/** The merchant's view of the reviews' media (hidden ones too), by review id. */
export async function adminMediaOf(db: Db, baseUrl: string, reviewIds: string[]): Promise<Map<string, ReturnType<typeof adminMediaJson>[]>> {
  const byReview = await listMediaOfReviews(db, reviewIds, { visibleOnly: false });
  return new Map([...byReview].map(([id, list]) => [id, list.map((m) => adminMediaJson(baseUrl, m))]));
}
