/**
 * Everything a store holds, page by page for streamed exports: oldest first
 * by (created_at, id) through keyset pages, so a long export costs the same
 * per page however deep it is and rows written meanwhile neither repeat nor vanish.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { answers, answerVotes, products, questions, reviewReplies, reviews, reviewVotes, type Answer, type Question, type Review, type ReviewReply } from '../schema';
import { keysetPage, keysetQuery, type Keyset, type Page } from './keyset';

type ReviewRow = { review: Review; reply: ReviewReply | null; product: { externalId: string; name: string; url: string | null } };

const reviewsOldestFirst: Keyset<ReviewRow> = {
  name: 'export-reviews',
  parts: [
    { column: reviews.createdAt, direction: 'asc' },
    { column: reviews.id, direction: 'asc' },
  ],
  key: ({ review }) => [review.createdAt, review.id],
};

/** A page of the store's reviews, every status, with reply and product. */
export async function exportReviewsPage(db: Db, storeId: string, cursor: string | undefined, limit: number): Promise<Page<ReviewRow>> {
  const page = keysetQuery(reviewsOldestFirst, cursor, limit);
  const rows = await db
    .select({ review: reviews, reply: reviewReplies, product: { externalId: products.externalId, name: products.name, url: products.url } })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(and(eq(reviews.storeId, storeId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return keysetPage(reviewsOldestFirst, rows, limit);
}

type QuestionRow = { question: Question; product: { externalId: string; name: string; url: string | null } };

const questionsOldestFirst: Keyset<QuestionRow> = {
  name: 'export-questions',
  parts: [
    { column: questions.createdAt, direction: 'asc' },
    { column: questions.id, direction: 'asc' },
  ],
  key: ({ question }) => [question.createdAt, question.id],
};

/** A page of the store's questions, every status, each with all its answers (oldest first). */
export async function exportQuestionsPage(db: Db, storeId: string, cursor: string | undefined, limit: number): Promise<Page<QuestionRow & { answers: Answer[] }>> {
  const page = keysetQuery(questionsOldestFirst, cursor, limit);
  const rows = await db
    .select({ question: questions, product: { externalId: products.externalId, name: products.name, url: products.url } })
    .from(questions)
    .innerJoin(products, eq(products.id, questions.productId))
    .where(and(eq(questions.storeId, storeId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const result = keysetPage(questionsOldestFirst, rows, limit);
  const ids = result.items.map((r) => r.question.id);
  const all = ids.length ? await db.select().from(answers).where(inArray(answers.questionId, ids)).orderBy(answers.createdAt, answers.id) : [];
  const byQuestion = new Map<string, Answer[]>();
  for (const a of all) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
  return { items: result.items.map((r) => ({ ...r, answers: byQuestion.get(r.question.id) ?? [] })), nextCursor: result.nextCursor };
}

export interface VoteRow {
  kind: 'review' | 'answer';
  targetId: string;
  /** SHA-256 of the store and the voter's token: pseudonymous, the same voter across rows. */
  voter: string;
  value: number;
  createdAt: number;
  /** The review's or answer's source key (null for one written in this store). */
  targetSourceKey: string | null;
}

type ReviewVoteRow = { reviewId: string; voter: string; value: number; createdAt: number; sourceKey: string | null };
const reviewVotesKeyset: Keyset<ReviewVoteRow> = {
  name: 'export-review-votes',
  parts: [
    { column: reviewVotes.reviewId, direction: 'asc' },
    { column: reviewVotes.voter, direction: 'asc' },
  ],
  key: (v) => [v.reviewId, v.voter],
};
type AnswerVoteRow = { answerId: string; voter: string; createdAt: number; sourceKey: string | null };
const answerVotesKeyset: Keyset<AnswerVoteRow> = {
  name: 'export-answer-votes',
  parts: [
    { column: answerVotes.answerId, direction: 'asc' },
    { column: answerVotes.voter, direction: 'asc' },
  ],
  key: (v) => [v.answerId, v.voter],
};

/** A page of the votes on the store's reviews (by review and voter). */
export async function exportReviewVotesPage(db: Db, storeId: string, cursor: string | undefined, limit: number): Promise<Page<VoteRow>> {
  const page = keysetQuery(reviewVotesKeyset, cursor, limit);
  const rows = await db
    .select({ reviewId: reviewVotes.reviewId, voter: reviewVotes.voter, value: reviewVotes.value, createdAt: reviewVotes.createdAt, sourceKey: reviews.sourceKey })
    .from(reviewVotes)
    .innerJoin(reviews, eq(reviews.id, reviewVotes.reviewId))
    .where(and(eq(reviews.storeId, storeId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const result = keysetPage(reviewVotesKeyset, rows, limit);
  return { items: result.items.map((v) => ({ kind: 'review', targetId: v.reviewId, voter: v.voter, value: v.value, createdAt: v.createdAt, targetSourceKey: v.sourceKey })), nextCursor: result.nextCursor };
}

/** A page of the helpful votes on the store's answers (by answer and voter). */
export async function exportAnswerVotesPage(db: Db, storeId: string, cursor: string | undefined, limit: number): Promise<Page<VoteRow>> {
  const page = keysetQuery(answerVotesKeyset, cursor, limit);
  const rows = await db
    .select({ answerId: answerVotes.answerId, voter: answerVotes.voter, createdAt: answerVotes.createdAt, sourceKey: answers.sourceKey })
    .from(answerVotes)
    .innerJoin(answers, eq(answers.id, answerVotes.answerId))
    .where(and(eq(answers.storeId, storeId), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const result = keysetPage(answerVotesKeyset, rows, limit);
  return { items: result.items.map((v) => ({ kind: 'answer', targetId: v.answerId, voter: v.voter, value: 1, createdAt: v.createdAt, targetSourceKey: v.sourceKey })), nextCursor: result.nextCursor };
}
