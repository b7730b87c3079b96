import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { reviews, type ReportReason } from '../schema';

/** `unchanged`: the voter had already cast this same vote. */
export type VoteOutcome = 'recorded' | 'unchanged' | 'not_found';

/**
 * Records one voter's helpful (1) or unhelpful (-1) vote on a published review
 * of the store, in one statement: the insert selects from `reviews`, so a
 * review that is missing, foreign or unpublished gets no vote, and a voter's
 * second vote replaces the first only if it differs. Triggers move the counts.
 */
export async function castVote(
  db: Db,
  input: { storeId: string; reviewId: string; voter: string; value: 1 | -1; now: number },
): Promise<{ outcome: VoteOutcome; helpfulCount: number; unhelpfulCount: number }> {
  const [write, counts] = await db.batch([
    db.run(sql`
      INSERT INTO review_votes (review_id, voter, value, created_at)
      SELECT id, ${input.voter}, ${input.value}, ${input.now} FROM reviews
      WHERE id = ${input.reviewId} AND store_id = ${input.storeId} AND status = 'published'
      ON CONFLICT (review_id, voter) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`),
    db
      .select({ helpfulCount: reviews.helpfulCount, unhelpfulCount: reviews.unhelpfulCount, status: reviews.status })
      .from(reviews)
      .where(and(eq(reviews.id, input.reviewId), eq(reviews.storeId, input.storeId))),
  ]);
  const review = counts[0];
  if (!review || review.status !== 'published') return { outcome: 'not_found', helpfulCount: 0, unhelpfulCount: 0 };
  const outcome: VoteOutcome = write.rowsAffected === 0 ? 'unchanged' : 'recorded';
  return { outcome, helpfulCount: review.helpfulCount, unhelpfulCount: review.unhelpfulCount };
}

/** Files an abuse report on a published review; one per reporter per review. */
export async function fileReport(
  db: Db,
  input: { id: string; storeId: string; reviewId: string; reporter: string; reason: ReportReason; note: string | null; now: number },
): Promise<'filed' | 'duplicate' | 'not_found'> {
  const [write, found] = await db.batch([
    db.run(sql`
      INSERT INTO review_reports (id, review_id, reporter, reason, note, created_at)
      SELECT ${input.id}, id, ${input.reporter}, ${input.reason}, ${input.note}, ${input.now} FROM reviews
      WHERE id = ${input.reviewId} AND store_id = ${input.storeId} AND status = 'published'
      ON CONFLICT (review_id, reporter) DO NOTHING`),
    db
      .select({ status: reviews.status })
      .from(reviews)
      .where(and(eq(reviews.id, input.reviewId), eq(reviews.storeId, input.storeId))),
  ]);
  if (found[0]?.status !== 'published') return 'not_found';
  return write.rowsAffected === 0 ? 'duplicate' : 'filed';
}
