/**
 * Reads of the insights rollups (db/schema/insights.ts). Each is a primary-key
 * or index range over rows kept by triggers, so its cost follows the number of
 * weeks, months or products asked for, never the number of reviews.
 */
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { DAY_MS } from '../time';
import { storeMonthlyModeration, storeWeeklyStats } from '../schema';

export { replyBucketBounds } from '../schema';

export type WeeklyRow = typeof storeWeeklyStats.$inferSelect;
export type MonthlyModerationRow = typeof storeMonthlyModeration.$inferSelect;

/** Monday 00:00 UTC of the week holding `ms`: the same arithmetic as the triggers in 0011. */
export function weekStart(ms: number): number {
  return (Math.floor((Math.floor(ms / DAY_MS) + 3) / 7) * 7 - 3) * DAY_MS;
}

/**
 * The store's weekly rows from `fromWeek` on (all of them without it), oldest
 * first; weeks with nothing have no row. All of them is one row per week of
 * the store's history (520 for ten years), whatever the number of reviews.
 */
export async function weeklyStats(db: Db, storeId: string, fromWeek?: number): Promise<WeeklyRow[]> {
  return db
    .select()
    .from(storeWeeklyStats)
    .where(and(eq(storeWeeklyStats.storeId, storeId), fromWeek === undefined ? undefined : gte(storeWeeklyStats.weekStart, fromWeek)))
    .orderBy(asc(storeWeeklyStats.weekStart));
}

/** The store's months (`2026-11`) from `fromMonth` on (all of them without it), oldest first. */
export async function monthlyModeration(db: Db, storeId: string, fromMonth?: string): Promise<MonthlyModerationRow[]> {
  return db
    .select()
    .from(storeMonthlyModeration)
    .where(and(eq(storeMonthlyModeration.storeId, storeId), fromMonth === undefined ? undefined : gte(storeMonthlyModeration.month, fromMonth)))
    .orderBy(asc(storeMonthlyModeration.month));
}

/**
 * Published questions without a published answer: their number and the oldest
 * one's date. Reads only the partial index questions_unanswered_idx, so it
 * costs the number of unanswered questions, which a kept-up store keeps small.
 */
export async function unansweredQuestions(db: Db, storeId: string): Promise<{ count: number; oldestAt: number | null }> {
  const rows = await db.all<{ count: number; oldestAt: number | null }>(sql`
    SELECT count(*) AS count, min(created_at) AS oldestAt FROM questions INDEXED BY questions_unanswered_idx
    WHERE store_id = ${storeId} AND status = 'published' AND answer_count = 0`);
  return rows[0] ?? { count: 0, oldestAt: null };
}

export interface ProductFigure {
  externalId: string;
  name: string;
  count: number;
  ratingSum: number;
}

// INDEXED BY: without ANALYZE statistics the planner may pick the other index and sort the
// whole store; naming the index makes the read an index range, or an error if it ever cannot be.
/** The store's products with the most published reviews. */
export async function topProductsByVolume(db: Db, storeId: string, limit: number): Promise<ProductFigure[]> {
  return db.all<ProductFigure>(sql`
    SELECT p.external_id AS externalId, p.name, s.count, s.rating_sum AS ratingSum
    FROM product_stats s INDEXED BY product_stats_volume_idx JOIN products p ON p.id = s.product_id
    WHERE s.store_id = ${storeId} AND s.count > 0 ORDER BY s.count DESC LIMIT ${limit}`);
}

/** The store's reviewed products with the lowest average rating. */
export async function lowestRatedProducts(db: Db, storeId: string, limit: number): Promise<ProductFigure[]> {
  return db.all<ProductFigure>(sql`
    SELECT p.external_id AS externalId, p.name, s.count, s.rating_sum AS ratingSum
    FROM product_stats s INDEXED BY product_stats_average_idx JOIN products p ON p.id = s.product_id
    WHERE s.store_id = ${storeId} AND s.count > 0 ORDER BY CAST(s.rating_sum AS REAL) / s.count LIMIT ${limit}`);
}
