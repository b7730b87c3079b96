/** Platforms' delivery ids, so a delivery they repeat is handled once. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { webhookDeliveries } from '../schema';

type Source = typeof webhookDeliveries.$inferSelect.source;

export async function isDeliveryHandled(db: Db, storeId: string, source: Source, deliveryId: string): Promise<boolean> {
  const row = await db
    .select({ id: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.storeId, storeId), eq(webhookDeliveries.source, source), eq(webhookDeliveries.deliveryId, deliveryId)))
    .get();
  return row !== undefined;
}

/** Marked only once handled, so a retry of a delivery that failed is processed, not skipped. */
export async function markDeliveryHandled(db: Db, storeId: string, source: Source, deliveryId: string, now: number): Promise<void> {
  await db.insert(webhookDeliveries).values({ storeId, source, deliveryId, receivedAt: now }).onConflictDoNothing();
}
