/**
 * Helpful votes and abuse reports, on reviews and on Q&A: who the voter is
 * (hashed, never stored in the clear; see voters.ts), the per-address cap,
 * and what each refusal says. Routes pass validated input and get counts back.
 */
import { castVote, fileReport } from '../../db/queries/votes';
import { reportQa, voteAnswer } from '../../db/queries/questions';
import type { ReportReason } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { randomId } from '../lib/crypto';
import type { DomainContext } from './context';
import { hashVoterToken, voteLimitReached, VOTES_PER_ADDRESS, voterIdentity } from './voters';

type VoteContext = Pick<DomainContext, 'db' | 'store' | 'now'>;

/** A vote on a published review; voting the other way replaces the voter's vote. */
export async function voteOnReview(
  ctx: VoteContext,
  reviewId: string,
  vote: { value: 'helpful' | 'unhelpful'; voter: string; clientAddress: string | undefined },
): Promise<{ helpfulCount: number; unhelpfulCount: number }> {
  const result = await castVote(ctx.db, {
    storeId: ctx.store.id,
    reviewId,
    ...(await voterIdentity(ctx.store, vote.voter, vote.clientAddress)),
    maxPerAddress: VOTES_PER_ADDRESS,
    value: vote.value === 'helpful' ? 1 : -1,
    now: ctx.now,
  });
  const counts = { helpfulCount: result.helpfulCount, unhelpfulCount: result.unhelpfulCount };
  if (result.outcome === 'not_found') throw notFound(`review "${reviewId}"`);
  if (result.outcome === 'capped') throw voteLimitReached('review', counts);
  if (result.outcome === 'unchanged') throw new ApiError('ALREADY_VOTED', `this voter has already voted this review ${vote.value}`, counts);
  return counts;
}

/** A helpful vote on a published answer of a published question. */
export async function voteOnAnswer(
  ctx: VoteContext,
  answerId: string,
  vote: { voter: string; clientAddress: string | undefined },
): Promise<{ helpfulCount: number }> {
  const result = await voteAnswer(ctx.db, {
    storeId: ctx.store.id,
    answerId,
    ...(await voterIdentity(ctx.store, vote.voter, vote.clientAddress)),
    maxPerAddress: VOTES_PER_ADDRESS,
    now: ctx.now,
  });
  const counts = { helpfulCount: result.helpfulCount };
  if (result.outcome === 'not_found') throw notFound(`answer "${answerId}"`);
  if (result.outcome === 'capped') throw voteLimitReached('answer', counts);
  if (result.outcome === 'unchanged') throw new ApiError('ALREADY_VOTED', 'this voter has already voted this answer helpful', counts);
  return counts;
}

export interface ReportInput {
  /** The reporter's browser token; stored only as a hash with the store. */
  reporter: string;
  reason: ReportReason;
  note?: string;
}

/** Files a report on a published review, question or answer of the store, once per reporter. */
export async function report(ctx: VoteContext, target: { kind: 'review' | 'question' | 'answer'; id: string }, input: ReportInput): Promise<void> {
  const filed = {
    id: randomId('rp'),
    storeId: ctx.store.id,
    reporter: await hashVoterToken(ctx.store.id, input.reporter),
    reason: input.reason,
    note: input.note || null,
    now: ctx.now,
  };
  const outcome =
    target.kind === 'review'
      ? await fileReport(ctx.db, { ...filed, reviewId: target.id })
      : await reportQa(ctx.db, { ...filed, targetId: target.id });
  if (outcome === 'not_found') throw notFound(`${target.kind} "${target.id}"`);
  if (outcome === 'duplicate') throw new ApiError('CONFLICT', target.kind === 'review' ? 'this reporter has already reported this review' : 'this reporter has already reported it');
}
