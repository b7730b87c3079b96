/** What a review's author may do through their edit link: read their review, change its words, find their reviews by address. */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { normalizeEmail } from '../email';
import { products, reviews, type Product, type Review, type ReviewStatus } from '../schema';

export type AuthorReview = Review & { product: Pick<Product, 'name' | 'externalId' | 'url' | 'imageUrl'> };

/** One review of the store with the product it is about, whatever its status. */
export async function getAuthorReview(db: Db, storeId: string, id: string): Promise<AuthorReview | undefined> {
  const row = await db
    .select({ review: reviews, product: { name: products.name, externalId: products.externalId, url: products.url, imageUrl: products.imageUrl } })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(and(eq(reviews.storeId, storeId), eq(reviews.id, id)))
    .get();
  return row && { ...row.review, product: row.product };
}

export interface AuthorChange {
  rating: number;
  title: string | null;
  body: string;
  bodyHtml: string;
  status: ReviewStatus;
}

/**
 * Saves an author's edit if the review is still at `version` (its
 * `edited_at`, 0 before any edit): of two links racing, one wins and the
 * other changes nothing. The statistics triggers move the summary from the
 * old rating and status to the new ones in the same statement.
 */
export async function saveAuthorEdit(db: Db, storeId: string, id: string, version: number, change: AuthorChange, now: number): Promise<Review | undefined> {
  const [row] = await db
    .update(reviews)
    .set({ ...change, editedAt: now, updatedAt: now })
    .where(and(eq(reviews.storeId, storeId), eq(reviews.id, id), eq(sql`coalesce(${reviews.editedAt}, 0)`, version)))
    .returning();
  return row;
}

/**
 * The reviews written from one address in a store, oldest first, that its
 * owner may be sent an edit link for. Spam is left out: a trapped bot or a
 * blocked writer is told nothing about the trap.
 */
export async function reviewsByAuthor(db: Db, storeId: string, email: string, reviewId?: string): Promise<AuthorReview[]> {
  const rows = await db
    .select({ review: reviews, product: { name: products.name, externalId: products.externalId, url: products.url, imageUrl: products.imageUrl } })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(
      and(
        eq(reviews.storeId, storeId),
        eq(reviews.authorEmail, normalizeEmail(email)),
        ne(reviews.status, 'spam'),
        reviewId === undefined ? undefined : eq(reviews.id, reviewId),
      ),
    )
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .limit(50);
  return rows.map((r) => ({ ...r.review, product: r.product }));
}
