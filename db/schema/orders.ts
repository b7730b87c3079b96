/** Orders, the review requests they lead to, unsubscribes, the email outbox and webhook de-duplication. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { stores } from './stores';
import { products } from './catalogue';

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
    /** The buyer's language as the platform said it (Shopify `customer_locale`), e.g. `de` or `fr-CA`; null when unknown. */
    locale: text('locale'),
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
    /** When the buyer first opened a review link of this order: the funnel's middle step. */
    linkOpenedAt: integer('link_opened_at'),
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

export type Order = typeof orders.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
