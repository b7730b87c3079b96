import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { answers, products, questions, reviewReplies, reviews } from '../schema';

/** Everything held about one author email in one store (GDPR access request). */
export async function exportAuthor(db: Db, storeId: string, email: string) {
  const rows = await db
    .select({ review: reviews, reply: reviewReplies, productExternalId: products.externalId })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(and(eq(reviews.storeId, storeId), eq(reviews.authorEmail, email.toLowerCase())))
    .orderBy(asc(reviews.createdAt));
  return rows.map((r) => ({ ...r.review, reply: r.reply, productExternalId: r.productExternalId }));
}

/** Erases an author's reviews (and with them their replies, votes and reports); statistics follow. */
export async function deleteAuthor(db: Db, storeId: string, email: string): Promise<number> {
  const rows = await db
    .delete(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.authorEmail, email.toLowerCase())))
    .returning({ id: reviews.id });
  return rows.length;
}

/** The author's questions and answers in the store (GDPR). */
export async function exportAuthorQa(db: Db, storeId: string, email: string) {
  const address = email.toLowerCase();
  const [qs, as] = await db.batch([
    db.select().from(questions).where(and(eq(questions.storeId, storeId), eq(questions.authorEmail, address))).orderBy(asc(questions.createdAt)),
    db.select().from(answers).where(and(eq(answers.storeId, storeId), eq(answers.authorEmail, address))).orderBy(asc(answers.createdAt)),
  ]);
  return { questions: qs, answers: as };
}

/** Erases the author's questions (with every answer to them) and answers; counters follow. */
export async function deleteAuthorQa(db: Db, storeId: string, email: string): Promise<{ questions: number; answers: number }> {
  const address = email.toLowerCase();
  const [as, qs] = await db.batch([
    db.delete(answers).where(and(eq(answers.storeId, storeId), eq(answers.authorEmail, address))).returning({ id: answers.id }),
    db.delete(questions).where(and(eq(questions.storeId, storeId), eq(questions.authorEmail, address))).returning({ id: questions.id }),
  ]);
  return { questions: qs.length, answers: as.length };
}
