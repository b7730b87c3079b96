/** The catalogue and its exact per-product statistics. */
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { stores } from './stores';
import { reviews } from './reviews';

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** The product id as the merchant's platform knows it; the API addresses products by it. */
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    url: text('url'),
    imageUrl: text('image_url'),
    sku: text('sku'),
    gtin: text('gtin'),
    mpn: text('mpn'),
    brand: text('brand'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('products_store_external_idx').on(t.storeId, t.externalId)],
);


/** Exact per-product statistics over published reviews, maintained by triggers. */
export const productStats = sqliteTable('product_stats', {
  productId: integer('product_id')
    .primaryKey()
    .references(() => products.id, { onDelete: 'cascade' }),
  count: integer('count').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  r1: integer('r1').notNull().default(0),
  r2: integer('r2').notNull().default(0),
  r3: integer('r3').notNull().default(0),
  r4: integer('r4').notNull().default(0),
  r5: integer('r5').notNull().default(0),
  verifiedCount: integer('verified_count').notNull().default(0),
  /** The product's store, so a store's top and lowest-rated products are an index range (migration 0011). */
  storeId: text('store_id'),
  /** Published reviews with at least one visible photo or video (reviews.visible_media_count > 0): the "with photos" filter's count. */
  mediaReviews: integer('media_reviews').notNull().default(0),
});

export type Product = typeof products.$inferSelect;
