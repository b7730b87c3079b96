/**
 * Orders as the store reports them. Every delivery of an order — first,
 * repeated, out of order or concurrent — is one atomic batch of upserts, so
 * the result is always exactly one order, its items, and at most one review
 * request.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { orders, products, type Order, type OrderStatus, type StoreSettings } from '../schema';
import { productRows, type ProductInput } from './products';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OrderInput {
  externalId: string;
  customerEmail: string;
  customerName: string | null;
  orderedAt: number;
  fulfilledAt: number | null;
  cancelledAt: number | null;
  /** True when the platform says the order was refunded (stops requests like a cancellation). */
  refunded: boolean;
  items: ProductInput[];
  source: 'api' | 'shopify' | 'woocommerce' | 'import';
}

/** Records an order and schedules (or stops) its review request, in one transaction. */
export async function recordOrder(
  db: Db,
  storeId: string,
  order: OrderInput,
  settings: Pick<StoreSettings, 'requestDelayDays' | 'reminderDelayDays'>,
  now: number,
): Promise<Order> {
  // Platform payloads are not schema-checked like ours: an address that is not
  // one is kept out, so no request is ever scheduled to it.
  const given = order.customerEmail.trim().toLowerCase();
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(given) ? given : '';
  const stopped = order.refunded ? (order.cancelledAt ?? now) : order.cancelledAt;
  const status: OrderStatus = order.refunded ? 'refunded' : order.cancelledAt !== null ? 'cancelled' : order.fulfilledAt !== null ? 'fulfilled' : 'open';
  const delay = settings.requestDelayDays * DAY_MS;
  const reminder = settings.reminderDelayDays === null ? null : settings.reminderDelayDays * DAY_MS;
  const productIds = [...new Set(order.items.map((i) => i.externalId))];

  const itemRows = productRows(storeId, order.items, now);
  const orderKey = sql`(SELECT id FROM orders WHERE store_id = ${storeId} AND external_id = ${order.externalId})`;

  const statements = [
    // The catalogue fills itself from line items; a name the merchant set keeps
    // being updated by the platform, which is where names come from anyway.
    ...(itemRows.length
      ? [
          db
            .insert(products)
            .values(itemRows)
            .onConflictDoUpdate({
              target: [products.storeId, products.externalId],
              set: {
                name: sql`excluded.name`,
                url: sql`coalesce(excluded.url, ${products.url})`,
                imageUrl: sql`coalesce(excluded.image_url, ${products.imageUrl})`,
                sku: sql`coalesce(excluded.sku, ${products.sku})`,
                gtin: sql`coalesce(excluded.gtin, ${products.gtin})`,
                brand: sql`coalesce(excluded.brand, ${products.brand})`,
                updatedAt: sql`excluded.updated_at`,
              },
            }),
        ]
      : []),
    // Facts only accumulate: a late "created" event cannot undo a fulfilment
    // or a cancellation that arrived first.
    db
      .insert(orders)
      .values({
        storeId,
        externalId: order.externalId,
        customerEmail: email,
        customerName: order.customerName,
        status,
        orderedAt: order.orderedAt,
        fulfilledAt: order.fulfilledAt,
        cancelledAt: stopped,
        source: order.source,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [orders.storeId, orders.externalId],
        set: {
          customerEmail: sql`CASE WHEN excluded.customer_email <> '' THEN excluded.customer_email ELSE ${orders.customerEmail} END`,
          customerName: sql`coalesce(excluded.customer_name, ${orders.customerName})`,
          orderedAt: sql`min(excluded.ordered_at, ${orders.orderedAt})`,
          fulfilledAt: sql`coalesce(${orders.fulfilledAt}, excluded.fulfilled_at)`,
          cancelledAt: sql`coalesce(${orders.cancelledAt}, excluded.cancelled_at)`,
          status: sql`CASE
            WHEN ${orders.status} = 'refunded' OR excluded.status = 'refunded' THEN 'refunded'
            WHEN ${orders.status} = 'cancelled' OR excluded.status = 'cancelled' THEN 'cancelled'
            WHEN coalesce(${orders.fulfilledAt}, excluded.fulfilled_at) IS NOT NULL THEN 'fulfilled'
            ELSE 'open' END`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
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
    db.run(sql`
      INSERT INTO review_requests (order_id, store_id, status, send_at, reminder_at)
      SELECT id, store_id, 'scheduled', fulfilled_at + ${delay}, CASE WHEN ${reminder} IS NULL THEN NULL ELSE fulfilled_at + ${delay} + ${reminder} END
      FROM orders WHERE store_id = ${storeId} AND external_id = ${order.externalId} AND status = 'fulfilled' AND customer_email <> ''
      ON CONFLICT (order_id) DO NOTHING`),
    db.run(sql`
      UPDATE review_requests SET status = 'cancelled'
      WHERE order_id = ${orderKey} AND status IN ('scheduled', 'sent')
        AND (SELECT status FROM orders WHERE id = ${orderKey}) IN ('cancelled', 'refunded')`),
    db.select().from(orders).where(and(eq(orders.storeId, storeId), eq(orders.externalId, order.externalId))),
  ] as const;

  // drizzle's batch wants a non-empty tuple; the last statement reads the order back.
  const results = await db.batch(statements as unknown as Parameters<Db['batch']>[0]);
  const rows = results.at(-1) as Order[];
  return rows[0]!;
}

/** Marks an order refunded by external id (a refund webhook names only the order). */
export async function refundOrder(db: Db, storeId: string, externalId: string, now: number): Promise<boolean> {
  const orderKey = sql`(SELECT id FROM orders WHERE store_id = ${storeId} AND external_id = ${externalId})`;
  const [updated] = await db.batch([
    db
      .update(orders)
      .set({ status: 'refunded', cancelledAt: sql`coalesce(${orders.cancelledAt}, ${now})`, updatedAt: now })
      .where(and(eq(orders.storeId, storeId), eq(orders.externalId, externalId)))
      .returning({ id: orders.id }),
    db.run(sql`UPDATE review_requests SET status = 'cancelled' WHERE order_id = ${orderKey} AND status IN ('scheduled', 'sent')`),
  ]);
  return updated.length > 0;
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
  const rows = await db.all(sql`SELECT 1 FROM unsubscribes WHERE store_id = ${storeId} AND email = ${email.toLowerCase()}`);
  return rows.length > 0;
}

export async function unsubscribe(db: Db, storeId: string, email: string, now: number): Promise<void> {
  const address = email.toLowerCase();
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

