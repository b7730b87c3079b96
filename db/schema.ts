/**
 * The data model. Counters (product_stats, review vote counts) are kept exact
 * by SQLite triggers defined in a hand-written migration (see
 * db/migrations/0001_counters.sql), so every write path — API, CLI, a future
 * importer — updates them in the same transaction as the row it changes.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; the app's clock decides, never SQLite's. */
const timestamp = (name: string) => integer(name).notNull();

export const reviewStatuses = ['pending', 'published', 'rejected', 'spam'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reportReasons = ['spam', 'offensive', 'off_topic', 'fake', 'private_information', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export interface StoreSettings {
  /** `publish`: new reviews appear at once; `hold`: they wait for a merchant. Never depends on the rating. */
  moderation: 'publish' | 'hold';
  /** Whether shoppers without an order may review (labelled unverified). */
  acceptUnverified: boolean;
  /** Days after fulfilment before the review request is emailed. */
  requestDelayDays: number;
  /** Days after the request before one reminder, if nothing was written; null for none. */
  reminderDelayDays: number | null;
  /** How long a review link stays valid, in days. */
  linkTtlDays: number;
  /** The From address of review request emails. */
  emailFrom: string;
  /** Past buyers emailed when a question is published (0 asks nobody). */
  buyersToAsk: number;
}

export const defaultStoreSettings: StoreSettings = {
  moderation: 'publish',
  acceptUnverified: true,
  requestDelayDays: 7,
  reminderDelayDays: 7,
  linkTtlDays: 90,
  emailFrom: 'reviews@verity.invalid',
  buyersToAsk: 5,
};

/** Secrets of a store's shop-platform integrations, never returned by the API. */
export interface StoreIntegrations {
  /** Shopify signs webhooks with the app's client secret, which the merchant copies here. */
  shopifySecret?: string;
  /** WooCommerce signs with the secret entered in its webhook form. */
  woocommerceSecret?: string;
}

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  publicKey: text('public_key').notNull().unique(),
  webhookSecret: text('webhook_secret').notNull(),
  /** Signs review and unsubscribe links (HMAC-SHA256); never leaves the server. */
  linkSecret: text('link_secret').notNull().default(''),
  integrations: text('integrations', { mode: 'json' }).$type<StoreIntegrations>().notNull().default(sql`'{}'`),
  settings: text('settings', { mode: 'json' }).$type<StoreSettings>().notNull(),
  createdAt: timestamp('created_at'),
});

/** Secret API keys, stored as SHA-256 hashes: they are 256-bit random, so a slow hash adds nothing. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, so a merchant can tell keys apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_keys_store_idx').on(t.storeId)],
);

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
});

export const orderStatuses = ['open', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerName: text('customer_name'),
    status: text('status', { enum: orderStatuses }).notNull(),
    orderedAt: integer('ordered_at').notNull(),
    fulfilledAt: integer('fulfilled_at'),
    cancelledAt: integer('cancelled_at'),
    refundedAt: integer('refunded_at'),
    /** When the platform said the order was deleted (WooCommerce order.deleted, Shopify orders/delete). */
    deletedAt: integer('deleted_at'),
    /** A platform test order (Shopify `test: true`): recorded, never emailed. */
    test: integer('test', { mode: 'boolean' }).notNull().default(false),
    source: text('source').notNull(),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('orders_store_external_idx').on(t.storeId, t.externalId), index('orders_email_idx').on(t.storeId, t.customerEmail)],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.productId] }), index('order_items_product_idx').on(t.productId)],
);

export const requestStatuses = ['scheduled', 'sent', 'reminded', 'cancelled', 'suppressed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** One review request per order: the first email, then at most one reminder. */
export const reviewRequests = sqliteTable(
  'review_requests',
  {
    orderId: integer('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: text('store_id').notNull(),
    status: text('status', { enum: requestStatuses }).notNull(),
    sendAt: integer('send_at').notNull(),
    reminderAt: integer('reminder_at'),
    sentAt: integer('sent_at'),
    remindedAt: integer('reminded_at'),
  },
  (t) => [index('review_requests_due_idx').on(t.status, t.sendAt), index('review_requests_reminder_idx').on(t.status, t.reminderAt)],
);

export const unsubscribes = sqliteTable(
  'unsubscribes',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.email] })],
);

export const outboxStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Emails waiting to go out. A row is claimed before sending, so two schedulers never send it twice. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    /** At most one email per purpose, e.g. `request:42`, `reminder:42`. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    status: text('status', { enum: outboxStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at'),
    sentAt: integer('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

/** Webhook deliveries already handled, for platforms that say a delivery's id (Shopify). */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    storeId: text('store_id').notNull(),
    source: text('source').notNull(),
    deliveryId: text('delivery_id').notNull(),
    receivedAt: timestamp('received_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.source, t.deliveryId] })],
);

export const answerKinds = ['official', 'owner', 'community'] as const;
export type AnswerKind = (typeof answerKinds)[number];

export const questions = sqliteTable(
  'questions',
  {
    /** Internal row number: the full-text index (questions_fts) is keyed by it. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    authorName: text('author_name').notNull(),
    authorEmail: text('author_email').notNull(),
    status: text('status', { enum: reviewStatuses }).notNull(),
    /** Published answers; kept by triggers. */
    answerCount: integer('answer_count').notNull().default(0),
    /** Helpful votes on its answers; kept by triggers, for sort=helpful. */
    helpfulCount: integer('helpful_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    acceptedAnswerId: text('accepted_answer_id'),
    /** Whether past buyers have been asked (once, when first published). */
    buyersAskedAt: integer('buyers_asked_at'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('questions_recent_idx').on(t.productId, t.status, t.createdAt, t.id),
    index('questions_helpful_idx').on(t.productId, t.status, t.helpfulCount, t.createdAt, t.id),
    index('questions_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('questions_author_idx').on(t.storeId, t.authorEmail),
  ],
);

export const answers = sqliteTable(
  'answers',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    authorName: text('author_name').notNull(),
    /** Null for the merchant's official answer. */
    authorEmail: text('author_email'),
    kind: text('kind', { enum: answerKinds }).notNull(),
    /** For owners: the order that proves they bought the product. */
    orderId: text('order_id'),
    status: text('status', { enum: reviewStatuses }).notNull(),
    helpfulCount: integer('helpful_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('answers_question_idx').on(t.questionId, t.status, t.helpfulCount),
    index('answers_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('answers_author_idx').on(t.storeId, t.authorEmail),
    // One official answer per question.
    uniqueIndex('answers_official_idx').on(t.questionId).where(sql`${t.kind} = 'official'`),
    // A buyer answers a question once per order: the link's "works once" is this index, not a check before the insert.
    uniqueIndex('answers_owner_once_idx').on(t.questionId, t.orderId).where(sql`${t.orderId} IS NOT NULL`),
  ],
);

export const answerVotes = sqliteTable(
  'answer_votes',
  {
    answerId: text('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    voter: text('voter').notNull(),
    /** As on review_votes: the keyed hash of the client address, for the per-address cap. */
    address: text('address'),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.voter] }), index('answer_votes_address_idx').on(t.answerId, t.address)],
);

/** Abuse reports on questions and answers. */
export const qaReports = sqliteTable(
  'qa_reports',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    /** A question id (qn_…) or an answer id (an_…). */
    targetId: text('target_id').notNull(),
    reporter: text('reporter').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('qa_reports_once_idx').on(t.targetId, t.reporter)],
);

/**
 * Facts about this deployment that every process sharing the database must
 * agree on, such as the public origin the server listens on, which the CLI's
 * scheduler needs for the links it writes.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at'),
});

export type Question = typeof questions.$inferSelect;
export type Answer = typeof answers.$inferSelect;
export type Store = typeof stores.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type ReviewReply = typeof reviewReplies.$inferSelect;
