import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { reviews, type ReportReason } from '../schema';
import { prepared } from './prepared';
import { bound, preparedRun, writeBatch } from './write-batch';

/**
 * `unchanged`: the voter had already cast this same vote. `capped`: the
 * client address has already added `maxPerAddress` votes to this review.
 */
export type VoteOutcome = 'recorded' | 'unchanged' | 'capped' | 'not_found';

/** The voter, and the cap on votes from one client address, that every vote insert checks. */
export interface VoteIdentity {
  /** Hash of the store and the voter token. */
  voter: string;
  /** Keyed hash of the client address. */
  address: string;
  maxPerAddress: number;
}

/**
 * Records one voter's helpful (1) or unhelpful (-1) vote on a published review
 * of the store, in one statement: the insert selects from `reviews`, so a
 * review that is missing, foreign or unpublished gets no vote; a new voter is
 * let in only while their address has fewer than `maxPerAddress` votes on the
 * review (a voter already counted may always change their vote); a second vote
 * replaces the first only if it differs. Triggers move the counts.
 */
export async function castVote(
  db: Db,
  input: VoteIdentity & { storeId: string; reviewId: string; value: 1 | -1; now: number },
): Promise<{ outcome: VoteOutcome; helpfulCount: number; unhelpfulCount: number }> {
  const [write, counts] = await writeBatch(db, [bound(voteInsert(db), input), bound(voteCounts(db), input)]);
  const review = counts[0];
  if (!review || review.status !== 'published') return { outcome: 'not_found', helpfulCount: 0, unhelpfulCount: 0 };
  const outcome: VoteOutcome = write.rowsAffected > 0 ? 'recorded' : review.counted ? 'unchanged' : 'capped';
  return { outcome, helpfulCount: review.helpfulCount, unhelpfulCount: review.unhelpfulCount };
}

// Built once: a vote is the most frequent public write.
const voteInsert = (db: Db) =>
  preparedRun(db, 'cast-vote', () => {
    const [reviewId, voter, address] = [sql.placeholder('reviewId'), sql.placeholder('voter'), sql.placeholder('address')];
    return sql`
      INSERT INTO review_votes (review_id, voter, value, address, created_at)
      SELECT id, ${voter}, ${sql.placeholder('value')}, ${address}, ${sql.placeholder('now')} FROM reviews
      WHERE id = ${reviewId} AND store_id = ${sql.placeholder('storeId')} AND status = 'published'
        AND (EXISTS (SELECT 1 FROM review_votes WHERE review_id = ${reviewId} AND voter = ${voter})
          OR (SELECT count(*) FROM review_votes WHERE review_id = ${reviewId} AND address = ${address}) < ${sql.placeholder('maxPerAddress')})
      ON CONFLICT (review_id, voter) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`;
  });

const voteCounts = (db: Db) =>
  prepared(db, 'vote-counts', (d) =>
    d
      .select({
        helpfulCount: reviews.helpfulCount,
        unhelpfulCount: reviews.unhelpfulCount,
        status: reviews.status,
        counted: sql<number>`EXISTS (SELECT 1 FROM review_votes WHERE review_id = ${sql.placeholder('reviewId')} AND voter = ${sql.placeholder('voter')})`,
      })
      .from(reviews)
      .where(and(eq(reviews.id, sql.placeholder('reviewId')), eq(reviews.storeId, sql.placeholder('storeId'))))
      .prepare(),
  );

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
