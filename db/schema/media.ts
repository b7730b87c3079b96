/** Photos and videos shoppers attach to their reviews (issue 15). */
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { stores } from './stores';
import { reviews } from './reviews';

/** `poster`: an image uploaded as a video's poster frame; it is shown with its video, never on its own. */
export const mediaKinds = ['image', 'video', 'poster'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export const reviewMedia = sqliteTable(
  'review_media',
  {
    /** `upl_…`, 128 random bits: the upload's id is the only proof of having uploaded it. */
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** Null until a review is written with it; unattached uploads are deleted after 24 h. */
    reviewId: text('review_id').references(() => reviews.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: mediaKinds }).notNull(),
    contentType: text('content_type').notNull(),
    /** Of the bytes as stored (after stripping): the file's name, so a URL always means the same bytes. */
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Seconds; videos only. */
    durationSeconds: real('duration_seconds'),
    /** A video's poster frame (a `poster` row of the same store). */
    posterMediaId: text('poster_media_id'),
    /** Hidden by the merchant: never served publicly, whatever the review's status. */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    check('review_media_kind', sql`${t.kind} IN ('image', 'video', 'poster')`),
    // The gallery pages a store's attached media newest first.
    index('review_media_gallery_idx').on(t.storeId, t.createdAt, t.id).where(sql`${t.reviewId} IS NOT NULL`),
    index('review_media_review_idx').on(t.reviewId),
    // The 24-hour cleanup finds unattached uploads by age.
    index('review_media_unattached_idx').on(t.createdAt).where(sql`${t.reviewId} IS NULL`),
    // Serving a file looks it up by its name.
    index('review_media_file_idx').on(t.storeId, t.sha256),
  ],
);

export type ReviewMedia = typeof reviewMedia.$inferSelect;
