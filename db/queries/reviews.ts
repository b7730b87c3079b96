import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { storeRowsWithIds } from './by-ids';
import type { Db } from '../client';
import { products, productStats, reviewReplies, reviews, type Product, type Review, type ReviewReply, type ReviewStatus } from '../schema';
import { getProduct } from './products';
import { getProductSummary, productSummaryOf, type ProductSummary } from './stats';
import { decodeCursor, keysetPage, keysetPlaceholders, keysetQuery, keysetValues, type KeyPart, type Keyset, type Page } from './keyset';
import { prepared, preparedRows } from './prepared';
import { jsonRow } from './json-rows';
import { ftsMatch, newestMatchingReviews, reviewMatches, reviewMatchesExpression } from './search';
import { normalizeEmail } from '../email';
import { hasVisibleMedia } from './media';

export const reviewSorts = ['recent', 'helpful', 'rating_desc', 'rating_asc'] as const;
export type ReviewSort = (typeof reviewSorts)[number];

const byRecent: KeyPart[] = [
  { column: reviews.createdAt, direction: 'desc' },
  { column: reviews.id, direction: 'desc' },
];

/**
 * What a public list reads of a review: what anyone may see, and what its
 * sorts and its verification badge need (verificationOf: whether an order
 * backs it). Never the author's email or address, which stay in the database
 * on every public read.
 */
const PUBLIC_REVIEW_COLUMNS = [
  'seq', 'id', 'rating', 'title', 'body', 'bodyHtml', 'authorName', 'verified', 'orderId',
  'helpfulCount', 'unhelpfulCount', 'locale', 'createdAt', 'editedAt', 'source', 'visibleMediaCount',
] as const satisfies ReadonlyArray<keyof Review>;
export type PublicReview = Pick<Review, (typeof PUBLIC_REVIEW_COLUMNS)[number]>;
/** The same columns as a drizzle selection, for the lists that are not read as JSON rows (a search's page). */
const publicReviewSelection = Object.fromEntries(PUBLIC_REVIEW_COLUMNS.map((name) => [name, reviews[name]])) as {
  [K in (typeof PUBLIC_REVIEW_COLUMNS)[number]]: (typeof reviews)[K];
};

/** Each sort of a review list; rows carry the review as `review` (with its reply or product beside it). */
const keysets: Record<ReviewSort, Keyset<{ review: PublicReview }>> = {
  recent: { name: 'recent', parts: byRecent, key: ({ review: r }) => [r.createdAt, r.id] },
  helpful: {
    name: 'helpful',
    parts: [{ column: reviews.helpfulCount, direction: 'desc' }, ...byRecent],
    key: ({ review: r }) => [r.helpfulCount, r.createdAt, r.id],
  },
  rating_desc: {
    name: 'rating_desc',
    parts: [{ column: reviews.rating, direction: 'desc' }, ...byRecent],
    key: ({ review: r }) => [r.rating, r.createdAt, r.id],
  },
  rating_asc: {
    name: 'rating_asc',
    parts: [{ column: reviews.rating, direction: 'asc' }, ...byRecent],
    key: ({ review: r }) => [r.rating, r.createdAt, r.id],
  },
};

/**
 * A search's newest-first order: by row number, the order Verity received the
 * reviews in (for reviews written here, the order of their dates). It is the
 * order the full-text index yields matches in, so a page of a search stops
 * after the page (db/queries/search.ts newestMatchingReviews).
 */
const byArrival: Keyset<{ review: PublicReview }> = {
  name: 'search',
  parts: [{ column: reviews.seq, direction: 'desc' }],
  key: ({ review: r }) => [r.seq],
};

export type ReviewWithReply = Review & { reply: ReviewReply | null };
export type ReviewWithProduct = ReviewWithReply & { productExternalId: string };
/** A review as public lists give it: its public columns and its reply. */
export type PublicReviewWithReply = PublicReview & { reply: ReviewReply | null };

export type { Page } from './keyset';

export interface NewReview {
  storeId: string;
  productId: number;
  rating: number;
  title: string | null;
  body: string;
  bodyHtml: string;
  authorName: string;
  authorEmail: string;
  /** Keyed hash of the client address (never the address), for the block list. */
  authorAddress?: string | null;
  verified: boolean;
  orderId: string | null;
  status: ReviewStatus;
  locale: string | null;
  now: number;
}

/** One INSERT; triggers move the product's statistics if it is published. */
export async function insertReview(db: Db, id: string, input: NewReview): Promise<Review> {
  const query = prepared(db, 'insert-review-returning', (d) => reviewInsert(d).returning().prepare());
  const [row] = await query.execute(reviewValues(id, input));
  return row!;
}

/**
 * The review INSERT of a public write, built once: run it with
 * {@link reviewValues} in the write's batch (db/queries/write-batch.ts).
 * Without RETURNING: the write knows the row it wrote, and reading its 25
 * columns back only to drop them is work for nothing.
 */
export const insertReviewQuery = (db: Db) => prepared(db, 'insert-review', (d) => reviewInsert(d).prepare());

const reviewInsert = (d: Db) =>
  d.insert(reviews).values({
    id: sql.placeholder('id'),
    storeId: sql.placeholder('storeId'),
    productId: sql.placeholder('productId'),
    rating: sql.placeholder('rating'),
    title: sql.placeholder('title'),
    body: sql.placeholder('body'),
    bodyHtml: sql.placeholder('bodyHtml'),
    authorName: sql.placeholder('authorName'),
    authorEmail: sql.placeholder('authorEmail'),
    authorAddress: sql.placeholder('authorAddress'),
    verified: sql.placeholder('verified'),
    orderId: sql.placeholder('orderId'),
    status: sql.placeholder('status'),
    locale: sql.placeholder('locale'),
    createdAt: sql.placeholder('now'),
    updatedAt: sql.placeholder('now'),
  });

/** The values of {@link insertReviewQuery}, the address lower-cased (an INSERT's placeholders keep their columns' encoding). */
export function reviewValues(id: string, input: NewReview): Record<string, unknown> {
  return { ...input, id, authorEmail: normalizeEmail(input.authorEmail), authorAddress: input.authorAddress ?? null };
}

export interface PublishedReviewQuery {
  productId: number;
  sort: ReviewSort;
  rating?: number;
  verified?: boolean;
  q?: string;
  /** Only reviews with at least one visible photo or video. */
  withMedia?: boolean;
  cursor?: string;
  limit: number;
}

/** A page of a product's published reviews with their replies. */
export async function listPublishedReviews(db: Db, query: PublishedReviewQuery): Promise<Page<PublicReviewWithReply>> {
  // With photos only, a search ranks the product's matches in full (the index knows nothing of media).
  if (query.q !== undefined && query.sort === 'recent' && !query.withMedia) return searchNewestReviews(db, { ...query, q: query.q });
  const found = await publishedReviewsPage(db, keysets[query.sort], { productId: query.productId }, query);
  return found?.page ?? { items: [], nextCursor: null };
}

/**
 * A page of a product's published reviews in a keyset order: the widgets'
 * every read, so each combination of sort and filters is built once (a
 * search's words travel as the one MATCH expression they make).
 *
 * The statement starts from the product and left-joins its statistics and the
 * page, so the public route learns all three from one statement by the
 * product's external id — on Workers one round trip to Turso instead of two in
 * a row. SQLite walks the product's review index in the page's order (the
 * product is one row), and a product without a matching review still comes
 * back, as one row with no review.
 */
const reviewRow = jsonRow(reviews, reviews.id, PUBLIC_REVIEW_COLUMNS);
const replyRow = jsonRow(reviewReplies, reviewReplies.reviewId);
const productRow = jsonRow(products);
const statsRow = jsonRow(productStats, productStats.productId);

type ProductKey = { productId: number } | { storeId: string; externalId: string };
type PageFilters = Omit<PublishedReviewQuery, 'productId'>;

async function publishedReviewsPage(db: Db, keyset: Keyset<{ review: PublicReview }>, by: ProductKey, query: PageFilters) {
  const withCursor = query.cursor !== undefined;
  const byId = 'productId' in by;
  const shape = `published-reviews:${byId ? 'id' : 'external'}:${keyset.name}:${query.rating === undefined ? '' : 'r'}${query.verified === undefined ? '' : 'v'}${query.withMedia ? 'm' : ''}${query.q === undefined ? '' : 'q'}${withCursor ? 'c' : ''}`;
  const statement = preparedRows(db, shape, (d) => {
    const page = keysetPlaceholders(keyset, withCursor);
    const product = byId
      ? eq(products.id, sql.placeholder('productId'))
      : and(eq(products.storeId, sql.placeholder('storeId')), eq(products.externalId, sql.placeholder('externalId')));
    // The product and its statistics as subqueries of their own, which name no column of the page's rows:
    // SQLite computes each once per statement instead of once for each of the page's rows (half of its time).
    const productJson = sql<string>`(SELECT ${productRow.select} FROM ${products} WHERE ${product})`;
    const statsJson = sql<string | null>`(SELECT ${statsRow.select} FROM ${products} LEFT JOIN ${productStats} ON ${eq(productStats.productId, products.id)} WHERE ${product})`;
    return d
      .select({ product: productJson, stats: statsJson, review: reviewRow.select, reply: replyRow.select })
      .from(products)
      .leftJoin(
        reviews,
        and(
          eq(reviews.productId, products.id),
          eq(reviews.status, 'published'),
          query.rating === undefined ? undefined : eq(reviews.rating, sql.placeholder('rating')),
          query.verified === undefined ? undefined : eq(reviews.verified, sql.placeholder('verified')),
          query.q === undefined ? undefined : reviewMatchesExpression(sql.placeholder('match')),
          query.withMedia ? hasVisibleMedia() : undefined,
          page.where,
        ),
      )
      .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
      .where(product)
      .orderBy(...page.orderBy)
      .limit(page.limit);
  });
  // Each row: [product, stats, review, reply], as JSON text (jsonRow).
  const json = await statement.rows<{ 0: string; 1: string | null; 2: string | null; 3: string | null; length: 4 }>({
    ...by,
    ...(query.rating === undefined ? {} : { rating: query.rating }),
    // Booleans are stored as 0/1; a placeholder skips the column's own encoding.
    ...(query.verified === undefined ? {} : { verified: query.verified ? 1 : 0 }),
    ...keysetValues(keyset, query.cursor, query.limit),
    // A search needs the product's id for its MATCH: only by id (productWithReviews looks the product up first).
    ...(query.q === undefined || !byId ? {} : { match: ftsMatch({ productId: by.productId }, query.q, 'title body') }),
  });
  const first = json[0];
  if (!first) return undefined;
  const rows = json.flatMap((r) => (r[2] === null ? [] : [{ review: reviewRow.decode(r[2])!, reply: replyRow.decode(r[3]) }]));
  const { items, nextCursor } = keysetPage(keyset, rows, query.limit);
  // Each decoded review is this page's own object: it takes its reply in place instead of being copied.
  const page: Page<PublicReviewWithReply> = { items: items.map(({ review, reply }) => Object.assign(review, { reply })), nextCursor };
  return { product: productRow.decode(first[0])!, stats: statsRow.decode(first[1]) ?? undefined, page };
}

/**
 * What a product's public page of reviews shows: the product, its summary and
 * the page. Without search words, one statement; a search's MATCH needs the
 * product's id, so it looks the product up first.
 */
export async function productWithReviews(
  db: Db,
  storeId: string,
  externalId: string,
  query: PageFilters,
): Promise<{ product: Product; summary: ProductSummary; page: Page<PublicReviewWithReply> } | undefined> {
  if (query.q === undefined) {
    const found = await publishedReviewsPage(db, keysets[query.sort], { storeId, externalId }, query);
    return found && { product: found.product, summary: productSummaryOf(found.stats), page: found.page };
  }
  const product = await getProduct(db, storeId, externalId);
  if (!product) return undefined;
  const [summary, page] = await Promise.all([getProductSummary(db, product.id), listPublishedReviews(db, { ...query, productId: product.id })]);
  return { product, summary, page };
}

/** A search in its default order: the page's row numbers straight from the index, then those rows. */
async function searchNewestReviews(db: Db, query: PublishedReviewQuery & { q: string }): Promise<Page<PublicReviewWithReply>> {
  const [beforeSeq] = query.cursor === undefined ? [] : (decodeCursor(query.cursor, byArrival.name, ['number']) as number[]);
  const hits = newestMatchingReviews(query.productId, query.q, { limit: query.limit + 1, beforeSeq, rating: query.rating, verified: query.verified });
  const rows = await db
    .select({ review: publicReviewSelection, reply: reviewReplies })
    .from(reviews)
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(sql`${reviews.seq} IN (${hits})`)
    .orderBy(desc(reviews.seq));
  const { items, nextCursor } = keysetPage(byArrival, rows, query.limit);
  return { items: items.map((r) => ({ ...r.review, reply: r.reply })), nextCursor };
}

export interface StoreReviewQuery {
  storeId: string;
  status?: ReviewStatus;
  rating?: number;
  productId?: number;
  q?: string;
  cursor?: string;
  limit: number;
}

/** The merchant's view: every status, newest first. */
export async function listStoreReviews(db: Db, query: StoreReviewQuery): Promise<Page<ReviewWithProduct>> {
  const page = keysetQuery(keysets.recent, query.cursor, query.limit);
  const rows = await db
      .select({ review: reviews, reply: reviewReplies, productExternalId: products.externalId })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
      .where(
        and(
          eq(reviews.storeId, query.storeId),
          query.status === undefined ? undefined : eq(reviews.status, query.status),
          query.rating === undefined ? undefined : eq(reviews.rating, query.rating),
          query.productId === undefined ? undefined : eq(reviews.productId, query.productId),
          query.q === undefined ? undefined : reviewMatches(query.productId === undefined ? { storeId: query.storeId } : { productId: query.productId }, query.q),
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit);
  const { items, nextCursor } = keysetPage(keysets.recent, rows, query.limit);
  return {
    items: items.map((r) => ({ ...r.review, reply: r.reply, productExternalId: r.productExternalId })),
    nextCursor,
  };
}

export async function getStoreReview(db: Db, storeId: string, id: string): Promise<ReviewWithProduct | undefined> {
  return (await getStoreReviews(db, storeId, [id])).get(id);
}

/** Reviews of one store by id, in one query (a search's hits, say); ids of other stores are simply absent. */
export async function getStoreReviews(db: Db, storeId: string, ids: string[]): Promise<Map<string, ReviewWithProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ review: reviews, reply: reviewReplies, productExternalId: products.externalId })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(and(storeRowsWithIds(reviews.storeId, storeId, reviews.id, ids)));
  return new Map(rows.map((row) => [row.review.id, { ...row.review, reply: row.reply, productExternalId: row.productExternalId }]));
}

/** Sets the status of the store's reviews among `ids`; returns the ids that exist. */
export async function setReviewStatus(
  db: Db,
  storeId: string,
  ids: string[],
  status: ReviewStatus,
  now: number,
): Promise<string[]> {
  const rows = await db
    .update(reviews)
    .set({ status, updatedAt: now })
    .where(and(storeRowsWithIds(reviews.storeId, storeId, reviews.id, ids)))
    .returning({ id: reviews.id });
  return rows.map((r) => r.id);
}

/** Deletes a review; votes, reports and the reply go with it (foreign keys), statistics follow (trigger). */
export async function deleteReview(db: Db, storeId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.id, id)))
    .returning({ id: reviews.id });
  return rows.length > 0;
}

/** Creates or replaces the merchant's public reply. */
export async function upsertReply(
  db: Db,
  reviewId: string,
  reply: { body: string; bodyHtml: string },
  now: number,
): Promise<ReviewReply> {
  const [row] = await db
    .insert(reviewReplies)
    .values({ reviewId, ...reply, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: reviewReplies.reviewId, set: { ...reply, updatedAt: now } })
    .returning();
  return row!;
}

export async function deleteReply(db: Db, reviewId: string): Promise<boolean> {
  const rows = await db
    .delete(reviewReplies)
    .where(eq(reviewReplies.reviewId, reviewId))
    .returning({ id: reviewReplies.reviewId });
  return rows.length > 0;
}
