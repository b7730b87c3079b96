import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prepared, preparedRows } from './prepared';
import { jsonRow } from './json-rows';
import { products, productStats } from '../schema';

export interface ReviewSummary {
  count: number;
  /** Mean rating rounded to two decimals; 0 when there are no reviews. */
  average: number;
  histogram: { 1: number; 2: number; 3: number; 4: number; 5: number };
  verifiedCount: number;
}

type StatsRow = typeof productStats.$inferSelect;

export const emptySummary = (): ReviewSummary => ({
  count: 0,
  average: 0,
  histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
  verifiedCount: 0,
});

export function toSummary(row: StatsRow | undefined): ReviewSummary {
  if (!row || row.count === 0) return emptySummary();
  return {
    count: row.count,
    average: Math.round((row.ratingSum / row.count) * 100) / 100,
    histogram: { 1: row.r1, 2: row.r2, 3: row.r3, 4: row.r4, 5: row.r5 },
    verifiedCount: row.verifiedCount,
  };
}

/** A product's summary as its own page shows it: with the count the "with photos" filter offers. */
export interface ProductSummary extends ReviewSummary {
  /** Published reviews with at least one visible photo or video. */
  mediaCount: number;
}

/**
 * One primary-key lookup: the counters are maintained by triggers, never
 * recounted here — media_reviews included (migration 0017), so the cost does
 * not grow with the store's media.
 */
export async function getProductSummary(db: Db, productId: number): Promise<ProductSummary> {
  const query = prepared(db, 'product-stats', (d) => d.select().from(productStats).where(eq(productStats.productId, sql.placeholder('productId'))).prepare());
  return productSummaryOf(await query.get({ productId }));
}

export const productSummaryOf = (row: StatsRow | undefined): ProductSummary => ({ ...toSummary(row), mediaCount: row?.mediaReviews ?? 0 });

const statsRow = jsonRow(productStats);

/** Summaries for many products of one store in one query, keyed by external id. */
export async function getSummaries(
  db: Db,
  storeId: string,
  externalIds: string[],
): Promise<Record<string, ReviewSummary>> {
  const out: Record<string, ReviewSummary> = {};
  for (const id of externalIds) out[id] = emptySummary();
  if (externalIds.length === 0) return out;
  // The ids travel as one JSON array: one statement, built once, for any number of products;
  // each product's counters come back as one JSON value (json-rows.ts).
  const query = preparedRows(db, 'summaries', (d) =>
    d
      .select({ externalId: products.externalId, stats: statsRow.select })
      .from(products)
      .innerJoin(productStats, eq(productStats.productId, products.id))
      .where(and(eq(products.storeId, sql.placeholder('storeId')), sql`${products.externalId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)),
  );
  const rows = await query.rows<{ 0: string; 1: string; length: 2 }>({ storeId, ids: JSON.stringify(externalIds) });
  for (const row of rows) out[row[0]] = toSummary(statsRow.decode(row[1])!);
  return out;
}
