/**
 * Orders as the store reports them. Every delivery about an order — first,
 * repeated, out of order or concurrent, a whole order or a single fact — is
 * one atomic batch, so the result is always exactly one order, its items, and
 * at most one review request.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { orders, type Order, type StoreSettings } from '../schema';
import { mergeProductsQuery, type ProductInput } from './products';
import { DAY_MS } from '../time';
import { normalizeEmail } from '../email';


export type OrderSource = 'api' | 'shopify' | 'woocommerce' | 'import';

/**
 * What one delivery says about an order. A fact left out (or null) is not
 * known from this delivery; it never means "not fulfilled" or "not refunded":
 * a refund webhook names only its order, an order.deleted only the id.
 */
export interface OrderFacts {
  externalId: string;
  source: OrderSource;
  customerEmail?: string;
  customerName?: string | null;
  orderedAt?: number;
  items?: ProductInput[];
  fulfilledAt?: number | null;
  cancelledAt?: number | null;
  refundedAt?: number | null;
  /** Refunded at a time the caller does not know (the time of recording is kept); prefer refundedAt. */
  refunded?: boolean;
  deletedAt?: number | null;
  /** A platform test order (Shopify `test: true`); once said, it stays a test order. */
  test?: boolean;
  /** The buyer's language tag (`de`, `fr-CA`); a delivery that does not say keeps the one known. */
  locale?: string | null;
}

/** A whole order, as the generic webhook, the import and the platforms' order payloads describe it. */
export interface OrderInput extends OrderFacts {
  customerEmail: string;
  customerName: string | null;
  orderedAt: number;
  items: ProductInput[];
  fulfilledAt: number | null;
  cancelledAt: number | null;
}

/*
 * What an order's facts mean, written once. These are SQL over an orders row
 * (unqualified columns, so use them only where orders is the innermost table)
 * and are applied to the merged row in the batch that records a fact, so the
 * outcome depends on which facts are known, never on the order they came in.
 *
 * Stopped: cancelled, refunded, deleted or a test order; never asked for a
 * review, and a pending request is cancelled. Requestable: fulfilled, with an
 * address, and not stopped.
 */
const STOPPED = sql.raw('(refunded_at IS NOT NULL OR cancelled_at IS NOT NULL OR deleted_at IS NOT NULL OR test)');
const REQUESTABLE = sql`(fulfilled_at IS NOT NULL AND customer_email <> '' AND NOT ${STOPPED})`;
// A deleted order reads as cancelled: links and callers know four statuses, and both mean "withdrawn".
const STATUS = sql.raw(`CASE WHEN refunded_at IS NOT NULL THEN 'refunded'
  WHEN cancelled_at IS NOT NULL OR deleted_at IS NOT NULL THEN 'cancelled'
  WHEN fulfilled_at IS NOT NULL THEN 'fulfilled' ELSE 'open' END`);

/** The earliest known value of a fact: commutative, so two deliveries merge alike in either order. */
const earliest = (column: SQLiteColumn): SQL => {
  const incoming = sql`excluded.${sql.identifier(column.name)}`;
  return sql`min(coalesce(${column}, ${incoming}), coalesce(${incoming}, ${column}))`;
};

/** Records what a delivery says about an order and schedules (or stops) its review request, in one transaction. */
export async function recordOrder(
  db: Db,
  storeId: string,
  order: OrderFacts,
  settings: Pick<StoreSettings, 'requestDelayDays' | 'reminderDelayDays'>,
  now: number,
): Promise<Order> {
  // Platform payloads are not schema-checked like ours: an address that is not
  // one is kept out, so no request is ever scheduled to it.
  const given = normalizeEmail(order.customerEmail ?? '');
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(given) ? given : '';
  const facts = {
    fulfilledAt: order.fulfilledAt ?? null,
    cancelledAt: order.cancelledAt ?? null,
    refundedAt: order.refundedAt ?? (order.refunded ? (order.cancelledAt ?? now) : null),
    deletedAt: order.deletedAt ?? null,
  };
  // A fact about an order not yet seen starts its record. An order is placed no
  // later than anything that happens to it, so the fact's time bounds orderedAt
  // until the order itself arrives (orderedAt keeps the earliest).
  const times = Object.values(facts).filter((t): t is number => t !== null);
  const orderedAt = order.orderedAt ?? (times.length ? Math.min(...times) : now);
  const delay = settings.requestDelayDays * DAY_MS;
  const reminder = settings.reminderDelayDays === null ? null : settings.reminderDelayDays * DAY_MS;
  const items = order.items ?? [];
  const productIds = [...new Set(items.map((i) => i.externalId))];

  const thisOrder = sql`store_id = ${storeId} AND external_id = ${order.externalId}`;
  const orderKey = sql`(SELECT id FROM orders WHERE ${thisOrder})`;

  const statements = [
    // The catalogue fills itself from line items, never erasing what it already knows.
    ...(items.length ? [mergeProductsQuery(db, storeId, items, now)] : []),
    // Facts only accumulate: no delivery can take back one that arrived before it.
    db
      .insert(orders)
      .values({
        storeId,
        externalId: order.externalId,
        customerEmail: email,
        customerName: order.customerName ?? null,
        status: 'open',
        orderedAt,
        ...facts,
        test: order.test ?? false,
        source: order.source,
        locale: order.locale ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [orders.storeId, orders.externalId],
        set: {
          customerEmail: sql`CASE WHEN excluded.customer_email <> '' THEN excluded.customer_email ELSE ${orders.customerEmail} END`,
          customerName: sql`coalesce(excluded.customer_name, ${orders.customerName})`,
          orderedAt: sql`min(excluded.ordered_at, ${orders.orderedAt})`,
          fulfilledAt: earliest(orders.fulfilledAt),
          cancelledAt: earliest(orders.cancelledAt),
          refundedAt: earliest(orders.refundedAt),
          deletedAt: earliest(orders.deletedAt),
          test: sql`max(excluded.test, ${orders.test})`,
          locale: sql`coalesce(excluded.locale, ${orders.locale})`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
    db.run(sql`UPDATE orders SET status = ${STATUS} WHERE ${thisOrder}`),
    ...(productIds.length
      ? [
          db.run(sql`
            INSERT OR IGNORE INTO order_items (order_id, product_id)
            SELECT ${orderKey}, id FROM products WHERE store_id = ${storeId} AND external_id IN (${sql.join(
              productIds.map((id) => sql`${id}`),
              sql`, `,
            )})`),
        ]
      : []),
    // One request per order, ever: a stopped one is not scheduled again.
    db.run(sql`
      INSERT INTO review_requests (order_id, store_id, status, send_at, reminder_at)
      SELECT id, store_id, 'scheduled', fulfilled_at + ${delay}, CASE WHEN ${reminder} IS NULL THEN NULL ELSE fulfilled_at + ${delay} + ${reminder} END
      FROM orders WHERE ${thisOrder} AND ${REQUESTABLE}
      ON CONFLICT (order_id) DO NOTHING`),
    db.run(sql`
      UPDATE review_requests SET status = 'cancelled'
      WHERE order_id = (SELECT id FROM orders WHERE ${thisOrder} AND ${STOPPED}) AND status IN ('scheduled', 'sent')`),
    db.select().from(orders).where(and(eq(orders.storeId, storeId), eq(orders.externalId, order.externalId))),
  ] as const;

  // drizzle's batch wants a non-empty tuple; the last statement reads the order back.
  const results = await db.batch(statements as unknown as Parameters<Db['batch']>[0]);
  const rows = results.at(-1) as Order[];
  return rows[0]!;
}

export async function getOrder(db: Db, storeId: string, externalId: string): Promise<Order | undefined> {
  return db.select().from(orders).where(and(eq(orders.storeId, storeId), eq(orders.externalId, externalId))).get();
}

/** The products of an order, as the review email lists them. */
export async function getOrderProducts(db: Db, orderId: number) {
  return db.all<{ id: number; externalId: string; name: string; imageUrl: string | null; url: string | null }>(sql`
    SELECT p.id, p.external_id AS externalId, p.name, p.image_url AS imageUrl, p.url
    FROM order_items i JOIN products p ON p.id = i.product_id
    WHERE i.order_id = ${orderId} ORDER BY p.name`);
}

export async function isUnsubscribed(db: Db, storeId: string, email: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM unsubscribes WHERE store_id = ${storeId} AND email = ${normalizeEmail(email)}`);
  return rows.length > 0;
}

export async function unsubscribe(db: Db, storeId: string, email: string, now: number): Promise<void> {
  const address = normalizeEmail(email);
  await db.batch([
    db.run(sql`INSERT OR IGNORE INTO unsubscribes (store_id, email, created_at) VALUES (${storeId}, ${address}, ${now})`),
    // Pending requests to this address will never be sent.
    db.run(sql`
      UPDATE review_requests SET status = 'suppressed'
      WHERE status IN ('scheduled', 'sent') AND order_id IN (SELECT id FROM orders WHERE store_id = ${storeId} AND customer_email = ${address})`),
  ]);
}

/** The external ids of products an order already has reviews for (a link is single use per product). */
export async function reviewedProducts(db: Db, storeId: string, orderExternalId: string, productIds: number[]): Promise<Set<number>> {
  if (productIds.length === 0) return new Set();
  const rows = await db.all<{ productId: number }>(sql`
    SELECT product_id AS productId FROM reviews WHERE store_id = ${storeId} AND order_id = ${orderExternalId}
      AND product_id IN (${sql.join(productIds.map((id) => sql`${id}`), sql`, `)})`);
  return new Set(rows.map((r) => r.productId));
}

