import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { products, reviewReplies, reviews } from '../schema';

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
