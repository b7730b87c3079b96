/**
 * The SQL behind the Google product reviews feed: every published review of a
 * store with its product, read in keyset batches so a feed of any size is
 * streamed with one batch in memory, and a cheap fingerprint of what the feed
 * would contain, for ETag and Last-Modified.
 */
import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { products, reviews } from '../schema';
import { afterKey, type KeyPart } from './keyset';

export interface FeedReviewRow {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  bodyHtml: string;
  authorName: string;
  verified: boolean;
  orderId: string | null;
  locale: string | null;
  createdAt: number;
  product: {
    externalId: string;
    name: string;
    url: string | null;
    sku: string | null;
    gtin: string | null;
    mpn: string | null;
    brand: string | null;
  };
}

/** Oldest first: the tail of reviews_store_status_idx. */
const byOldest: KeyPart[] = [
  { column: reviews.createdAt, direction: 'asc' },
  { column: reviews.id, direction: 'asc' },
];

/**
 * Where a batch ended: the sort key of its last row. The feed pages inside
 * one request, so its cursor stays a typed key rather than keyset.ts's
 * opaque string, which is for cursors that travel to a client and back.
 */
export interface FeedCursor {
  createdAt: number;
  id: string;
}

/**
 * One batch of the store's published reviews, oldest first, strictly after
 * `after`. Never another status, never the author's email.
 *
 * The order (created_at, id) is the tail of reviews_store_status_idx, and
 * afterKey's row-value comparison lets SQLite start each batch at its place in that index
 * instead of scanning from the first row: batch n costs what batch 1 does.
 *
 * @example
 * let after; do { const rows = await listFeedReviews(db, { storeId, after, limit: 500 }); after = nextFeedCursor(rows, 500); } while (after);
 */
export async function listFeedReviews(db: Db, query: FeedQuery): Promise<FeedReviewRow[]> {
  return feedReviewsQuery(db, query);
}

export interface FeedQuery {
  storeId: string;
  after?: FeedCursor;
  limit: number;
}

/** The statement behind {@link listFeedReviews}, unexecuted, so tests and the benchmark can read its query plan. */
export function feedReviewsQuery(db: Db, query: FeedQuery) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      title: reviews.title,
      body: reviews.body,
      bodyHtml: reviews.bodyHtml,
      authorName: reviews.authorName,
      verified: reviews.verified,
      orderId: reviews.orderId,
      locale: reviews.locale,
      createdAt: reviews.createdAt,
      product: {
        externalId: products.externalId,
        name: products.name,
        url: products.url,
        sku: products.sku,
        gtin: products.gtin,
        mpn: products.mpn,
        brand: products.brand,
      },
    })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(
      and(
        eq(reviews.storeId, query.storeId),
        eq(reviews.status, 'published'),
        query.after && afterKey(byOldest, [query.after.createdAt, query.after.id]),
      ),
    )
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .limit(query.limit);
}

/** The cursor after a batch, or null when the batch was the last (shorter than asked). */
export function nextFeedCursor(rows: FeedReviewRow[], limit: number): FeedCursor | null {
  const last = rows.at(-1);
  return rows.length === limit && last ? { createdAt: last.createdAt, id: last.id } : null;
}

export interface FeedVersion {
  /** Published reviews of the store. */
  published: number;
  /** Latest change to any review of the store, in any status (a review leaving the feed moves it too). */
  reviewsUpdatedAt: number | null;
  /** Latest change to any of the store's products (names and URLs are in the feed). */
  productsUpdatedAt: number | null;
}

/**
 * What the feed's content depends on, in three aggregates: a status change or
 * an edit moves a review's updated_at; a deleted published review lowers the
 * count. Costs one pass over the store's reviews, far less than the feed.
 */
export async function getFeedVersion(db: Db, storeId: string): Promise<FeedVersion> {
  const [reviewRow, productRow] = await db.batch([
    db
      .select({
        published: sql<number>`count(*) FILTER (WHERE ${reviews.status} = 'published')`,
        updatedAt: max(reviews.updatedAt),
      })
      .from(reviews)
      .where(eq(reviews.storeId, storeId)),
    db.select({ updatedAt: max(products.updatedAt) }).from(products).where(eq(products.storeId, storeId)),
  ]);
  return {
    published: Number(reviewRow[0]?.published ?? 0),
    reviewsUpdatedAt: reviewRow[0]?.updatedAt ?? null,
    productsUpdatedAt: productRow[0]?.updatedAt ?? null,
  };
}
