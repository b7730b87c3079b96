/** Reviews with their replies, votes and reports. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportReasons, reviewStatuses, timestamp } from './common';
import { stores } from './stores';
import { products } from './catalogue';

export const reviews = sqliteTable(
  'reviews',
  {
    /** Internal row number: the full-text index (reviews_fts) is keyed by it. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** Public, unguessable id. */
    id: text('id').notNull().unique(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    title: text('title'),
    body: text('body').notNull(),
    /** Rendered once at write time; reads never run Markdown. */
    bodyHtml: text('body_html').notNull(),
    authorName: text('author_name').notNull(),
    /** Private: never leaves the merchant API. Stored lower-cased for GDPR look-ups. */
    authorEmail: text('author_email').notNull(),
    /** Keyed hash of the writer's client address (domain/moderation-policy.ts blockAddressEntry), so the merchant can block it; never the address. */
    authorAddress: text('author_address'),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    /** The order that proves the purchase, when verified. */
    orderId: text('order_id'),
    status: text('status', { enum: reviewStatuses }).notNull(),
    helpfulCount: integer('helpful_count').notNull().default(0),
    unhelpfulCount: integer('unhelpful_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    locale: text('locale'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    /** When the author last changed rating or text through their edit link; null if never. Also the version an edit link is bound to. */
    editedAt: integer('edited_at'),
    /** Where the row was first written: 'verity', or the tool it was imported from ('judgeme', 'yotpo', 'okendo', 'stamped', 'import'). */
    source: text('source').notNull().default('verity'),
    /** Stable key of the row in the file it was imported from (vendor and their id, or a hash), so a second import of the same file adds nothing. */
    sourceKey: text('source_key'),
    /** Photo URLs an imported review came with (a JSON array), kept as data: the files stay where the old tool put them. */
    photoUrls: text('photo_urls'),
    /** Visible (not hidden, not poster) media rows attached to it, whatever its status; kept by triggers (migration media_counts). */
    visibleMediaCount: integer('visible_media_count').notNull().default(0),
  },
  (t) => [
    check('reviews_rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
    // One index per public sort, each led by (product, status) so a page is a range scan.
    index('reviews_recent_idx').on(t.productId, t.status, t.createdAt, t.id),
    index('reviews_helpful_idx').on(t.productId, t.status, t.helpfulCount, t.createdAt, t.id),
    index('reviews_rating_idx').on(t.productId, t.status, t.rating, t.createdAt, t.id),
    index('reviews_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('reviews_author_idx').on(t.storeId, t.authorEmail),
    // A review link is single use per product: one review per order and product.
    uniqueIndex('reviews_order_product_idx').on(t.orderId, t.productId).where(sql`${t.orderId} IS NOT NULL`),
    uniqueIndex('reviews_source_key_idx').on(t.storeId, t.sourceKey).where(sql`${t.sourceKey} IS NOT NULL`),
  ],
);

/** One public merchant reply per review. */
export const reviewReplies = sqliteTable('review_replies', {
  reviewId: text('review_id')
    .primaryKey()
    .references(() => reviews.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  bodyHtml: text('body_html').notNull(),
  createdAt: timestamp('created_at'),
  updatedAt: timestamp('updated_at'),
});

export const reviewVotes = sqliteTable(
  'review_votes',
  {
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    /** SHA-256 of the store and the voter token: one vote per voter per review. */
    voter: text('voter').notNull(),
    /** 1 helpful, -1 unhelpful. */
    value: integer('value').notNull(),
    /**
     * HMAC of the client address under the store's secret (never the address):
     * caps how many votes one address adds to one review, whatever tokens it invents.
     * Null for votes cast before the cap existed.
     */
    address: text('address'),
    createdAt: timestamp('created_at'),
    /**
     * Brought by an import of another store's votes.csv|json: its review's imported
     * helpful/unhelpful counts already include it, so the insert trigger skips it (migration 0018).
     */
    imported: integer('imported', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.voter] }),
    check('review_votes_value', sql`${t.value} IN (1, -1)`),
    index('review_votes_address_idx').on(t.reviewId, t.address),
  ],
);

export const reviewReports = sqliteTable(
  'review_reports',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporter: text('reporter').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('review_reports_once_idx').on(t.reviewId, t.reporter)],
);

export type Review = typeof reviews.$inferSelect;
export type ReviewReply = typeof reviewReplies.$inferSelect;
