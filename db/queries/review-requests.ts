/** Review requests waiting for the scheduler: first requests and reminders that are due. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { reviewRequests } from '../schema';

export interface DueRequest {
  orderId: number;
  storeId: string;
  /** The order's id on the merchant's platform. */
  externalId: string;
  email: string;
  name: string | null;
  /** 1 for a reminder, 0 for the first request. */
  reminder: number;
  /** The order's language tag, if the platform said. */
  locale: string | null;
}

/** Up to `limit` requests and reminders due at `now`, oldest rules first. */
export async function dueReviewRequests(db: Db, now: number, limit: number): Promise<DueRequest[]> {
  return db.all<DueRequest>(sql`
    SELECT r.order_id AS orderId, r.store_id AS storeId, o.external_id AS externalId, o.customer_email AS email,
      o.customer_name AS name, 0 AS reminder, o.locale AS locale
    FROM review_requests r JOIN orders o ON o.id = r.order_id
    WHERE r.status = 'scheduled' AND r.send_at <= ${now}
    UNION ALL
    SELECT r.order_id, r.store_id, o.external_id, o.customer_email, o.customer_name, 1, o.locale
    FROM review_requests r JOIN orders o ON o.id = r.order_id
    WHERE r.status = 'sent' AND r.reminder_at IS NOT NULL AND r.reminder_at <= ${now}
    LIMIT ${limit}`);
}

export type RequestChange = Partial<Pick<typeof reviewRequests.$inferInsert, 'sentAt' | 'remindedAt' | 'reminderAt'>> & {
  status: 'sent' | 'reminded' | 'suppressed';
};

/**
 * Moves an order's request on from the status it was read in: a run that lost
 * the race to another finds the status already moved and changes nothing.
 * Not awaited, so it can join the batch that enqueues the email.
 */
export function settleRequestQuery(db: Db, orderId: number, from: 'scheduled' | 'sent', change: RequestChange) {
  return db
    .update(reviewRequests)
    .set(change)
    .where(and(eq(reviewRequests.orderId, orderId), eq(reviewRequests.status, from)));
}

/**
 * Records the first opening of a review link of the order (the funnel's middle
 * step; a trigger counts it). Later openings change nothing. Mail scanners that
 * follow links count as an opening too: the figure is an upper bound.
 */
export async function noteLinkOpened(db: Db, orderId: number, now: number): Promise<void> {
  await db
    .update(reviewRequests)
    .set({ linkOpenedAt: now })
    .where(and(eq(reviewRequests.orderId, orderId), isNull(reviewRequests.linkOpenedAt)));
}
