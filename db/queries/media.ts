/**
 * Review photos and videos. A media row is shown publicly only when it is
 * attached, not hidden, and its review is published: that one condition
 * (`visible`) is used by every public read and by the file route, so the
 * review's moderation is the media's moderation without copying its status.
 */
import { storeRowsWithIds } from './by-ids';
import { and, count, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { prepared } from './prepared';
import { products, reviewMedia, reviews, type MediaKind, type ReviewMedia } from '../schema';
import { keysetPage, keysetQuery, type Keyset, type Page } from './keyset';
import { normalizeEmail } from '../email';

export interface NewMedia {
  id: string;
  storeId: string;
  kind: Exclude<MediaKind, 'poster'>;
  contentType: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  durationSeconds: number | null;
  posterMediaId: string | null;
  now: number;
}

export async function insertMedia(db: Db, input: NewMedia): Promise<ReviewMedia> {
  const { now, ...rest } = input;
  const [row] = await db.insert(reviewMedia).values({ ...rest, createdAt: now }).returning();
  return row!;
}

/** The store's uploads among `ids` that no review has taken yet. */
export async function getUnattachedUploads(db: Db, storeId: string, ids: string[]): Promise<ReviewMedia[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(reviewMedia)
    .where(and(storeRowsWithIds(reviewMedia.storeId, storeId, reviewMedia.id, ids), isNull(reviewMedia.reviewId)));
}

/** Makes an unattached image of the store a video's poster; false if it is not one. */
export async function markPoster(db: Db, storeId: string, id: string): Promise<ReviewMedia | undefined> {
  const [row] = await db
    .update(reviewMedia)
    .set({ kind: 'poster' })
    .where(and(eq(reviewMedia.storeId, storeId), eq(reviewMedia.id, id), isNull(reviewMedia.reviewId), eq(reviewMedia.kind, 'image')))
    .returning();
  return row;
}

/**
 * Gives the uploads `ids` (and the posters of videos among them) to a review,
 * only if each is still the store's and unattached; returns the ids it took.
 */
export async function attachMedia(db: Db, storeId: string, reviewId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const posters = db.select({ id: reviewMedia.posterMediaId }).from(reviewMedia).where(and(storeRowsWithIds(reviewMedia.storeId, storeId, reviewMedia.id, ids)));
  const rows = await db
    .update(reviewMedia)
    .set({ reviewId })
    .where(and(eq(reviewMedia.storeId, storeId), isNull(reviewMedia.reviewId), or(inArray(reviewMedia.id, ids), inArray(reviewMedia.id, posters))))
    .returning({ id: reviewMedia.id });
  return rows.map((r) => r.id);
}

/** What every public read requires of a media row (and the review it joins). */
const visible: SQL = and(eq(reviewMedia.hidden, false), eq(reviews.status, 'published'))!;

export type MediaWithPoster = ReviewMedia & { poster: { sha256: string; contentType: string } | null };

const poster = alias(reviewMedia, 'poster');

/** The media of `reviewIds`, posters folded into their videos; `visibleOnly` for public reads. Grouped by review, oldest upload first. */
export async function listMediaOfReviews(db: Db, reviewIds: string[], options: { visibleOnly: boolean }): Promise<Map<string, MediaWithPoster[]>> {
  const byReview = new Map<string, MediaWithPoster[]>();
  if (reviewIds.length === 0) return byReview;
  // The ids travel as one JSON array: one statement, built once, for a page of any length.
  const query = prepared(db, options.visibleOnly ? 'media-of-reviews:visible' : 'media-of-reviews', (d) =>
    d
      .select({ media: reviewMedia, posterSha: poster.sha256, posterType: poster.contentType })
      .from(reviewMedia)
      .innerJoin(reviews, eq(reviews.id, reviewMedia.reviewId))
      .leftJoin(poster, eq(poster.id, reviewMedia.posterMediaId))
      .where(and(sql`${reviewMedia.reviewId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`, sql`${reviewMedia.kind} <> 'poster'`, options.visibleOnly ? visible : undefined))
      .orderBy(reviewMedia.createdAt, reviewMedia.id)
      .prepare(),
  );
  const rows = await query.all({ ids: JSON.stringify(reviewIds) });
  for (const r of rows) {
    const list = byReview.get(r.media.reviewId!) ?? [];
    list.push({ ...r.media, poster: r.posterSha && r.posterType ? { sha256: r.posterSha, contentType: r.posterType } : null });
    byReview.set(r.media.reviewId!, list);
  }
  return byReview;
}

/** Whether the store's file `sha256` belongs to at least one visible media row (the public file route's one question). */
export async function isFileVisible(db: Db, storeId: string, sha256: string): Promise<boolean> {
  const row = await db
    .select({ id: reviewMedia.id })
    .from(reviewMedia)
    .innerJoin(reviews, eq(reviews.id, reviewMedia.reviewId))
    .where(and(eq(reviewMedia.storeId, storeId), eq(reviewMedia.sha256, sha256), visible))
    .limit(1)
    .get();
  return row !== undefined;
}

export async function getStoreMedia(db: Db, storeId: string, id: string): Promise<ReviewMedia | undefined> {
  return db.select().from(reviewMedia).where(and(eq(reviewMedia.storeId, storeId), eq(reviewMedia.id, id))).get();
}

/** Hides or shows one attached media item of the store, and a video's poster with it. */
export async function setMediaHidden(db: Db, storeId: string, id: string, hidden: boolean): Promise<ReviewMedia | undefined> {
  const [row] = await db
    .update(reviewMedia)
    .set({ hidden })
    .where(and(eq(reviewMedia.storeId, storeId), eq(reviewMedia.id, id), sql`${reviewMedia.reviewId} IS NOT NULL`, sql`${reviewMedia.kind} <> 'poster'`))
    .returning();
  if (row?.posterMediaId) {
    await db.update(reviewMedia).set({ hidden }).where(and(eq(reviewMedia.storeId, storeId), eq(reviewMedia.id, row.posterMediaId)));
  }
  return row;
}

export type GalleryItem = MediaWithPoster & { rating: number; authorName: string; product: string; reviewCreatedAt: number };

const galleryKeyset: Keyset<{ media: ReviewMedia }> = {
  name: 'gallery',
  parts: [
    { column: reviewMedia.createdAt, direction: 'desc' },
    { column: reviewMedia.id, direction: 'desc' },
  ],
  key: ({ media }) => [media.createdAt, media.id],
};

/** The store's (or one product's) visible media, newest first. */
export async function listGallery(
  db: Db,
  query: { storeId: string; productId?: number; cursor?: string; limit: number },
): Promise<Page<GalleryItem>> {
  const page = keysetQuery(galleryKeyset, query.cursor, query.limit);
  const rows = await db
    .select({
      media: reviewMedia,
      posterSha: poster.sha256,
      posterType: poster.contentType,
      rating: reviews.rating,
      authorName: reviews.authorName,
      product: products.externalId,
      reviewCreatedAt: reviews.createdAt,
    })
    .from(reviewMedia)
    .innerJoin(reviews, eq(reviews.id, reviewMedia.reviewId))
    .innerJoin(products, eq(products.id, reviews.productId))
    .leftJoin(poster, eq(poster.id, reviewMedia.posterMediaId))
    .where(
      and(
        eq(reviewMedia.storeId, query.storeId),
        sql`${reviewMedia.reviewId} IS NOT NULL`,
        sql`${reviewMedia.kind} <> 'poster'`,
        visible,
        query.productId === undefined ? undefined : eq(reviews.productId, query.productId),
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const { items, nextCursor } = keysetPage(galleryKeyset, rows, query.limit);
  return {
    items: items.map((r) => ({
      ...r.media,
      poster: r.posterSha && r.posterType ? { sha256: r.posterSha, contentType: r.posterType } : null,
      rating: r.rating,
      authorName: r.authorName,
      product: r.product,
      reviewCreatedAt: r.reviewCreatedAt,
    })),
    nextCursor,
  };
}

/** `reviews.id IN (reviews with visible media)`, for the review list's media filter. */
export const hasVisibleMedia = (): SQL =>
  sql`EXISTS (SELECT 1 FROM ${reviewMedia} WHERE ${reviewMedia.reviewId} = ${reviews.id} AND ${reviewMedia.hidden} = 0 AND ${reviewMedia.kind} <> 'poster')`;

export interface StoredMediaFile {
  storeId: string;
  sha256: string;
  contentType: string;
}

/** The files of the given reviews' media, before the reviews are deleted. */
export async function mediaFilesOfReviews(db: Db, storeId: string, reviewIds: string[]): Promise<StoredMediaFile[]> {
  if (reviewIds.length === 0) return [];
  return db
    .selectDistinct({ storeId: reviewMedia.storeId, sha256: reviewMedia.sha256, contentType: reviewMedia.contentType })
    .from(reviewMedia)
    .where(and(eq(reviewMedia.storeId, storeId), inArray(reviewMedia.reviewId, reviewIds)));
}

/** The files of every review an author wrote in the store, before a GDPR erase deletes them (matched as eraseAuthor matches). */
export async function mediaFilesOfAuthor(db: Db, storeId: string, email: string): Promise<StoredMediaFile[]> {
  return db
    .selectDistinct({ storeId: reviewMedia.storeId, sha256: reviewMedia.sha256, contentType: reviewMedia.contentType })
    .from(reviewMedia)
    .innerJoin(reviews, eq(reviews.id, reviewMedia.reviewId))
    .where(and(eq(reviewMedia.storeId, storeId), eq(reviews.storeId, storeId), sql`lower(${reviews.authorEmail}) = ${normalizeEmail(email)}`));
}

/** Deletes uploads no review took before `before`; returns their files. */
export async function deleteUnattachedBefore(db: Db, before: number, limit = 500): Promise<StoredMediaFile[]> {
  const ids = db.select({ id: reviewMedia.id }).from(reviewMedia).where(and(isNull(reviewMedia.reviewId), lt(reviewMedia.createdAt, before))).limit(limit);
  return db
    .delete(reviewMedia)
    .where(inArray(reviewMedia.id, ids))
    .returning({ storeId: reviewMedia.storeId, sha256: reviewMedia.sha256, contentType: reviewMedia.contentType });
}

/** Of `files`, those no media row names any more: safe to delete from storage (two uploads of the same bytes share one file). */
export async function unreferencedFiles(db: Db, files: StoredMediaFile[]): Promise<StoredMediaFile[]> {
  const out: StoredMediaFile[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const key = `${f.storeId}/${f.sha256}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = await db
      .select({ n: count() })
      .from(reviewMedia)
      .where(and(eq(reviewMedia.storeId, f.storeId), eq(reviewMedia.sha256, f.sha256)))
      .get();
    if ((row?.n ?? 0) === 0) out.push(f);
  }
  return out;
}
