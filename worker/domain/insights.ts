/**
 * The dashboard's Insights and the public moderation figures, assembled from
 * the rollups the triggers keep (db/schema/insights.ts): a handful of index
 * reads whatever the number of reviews, then arithmetic on a few dozen rows.
 */
import { importedReviewVendors } from '../../db/queries/imports';
import type { Db } from '../../db/client';
import {
  lowestRatedProducts,
  replyBucketBounds,
  monthlyModeration,
  topProductsByVolume,
  unansweredQuestions,
  weekStart,
  weeklyStats,
  type MonthlyModerationRow,
  type ProductFigure,
  type WeeklyRow,
} from '../../db/queries/insights';
import { DAY_MS } from '../../db/time';
import type { Store } from '../../db/schema';
import type { Insights, ModerationFigures } from '../schemas/insights';
import { policyInWords } from './moderation-policy';

const TOP_PRODUCTS = 5;
/** Months the public page shows: two years is what a shopper weighing a store looks at. */
export const MODERATION_MONTHS = 24;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 3) : null);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const replyColumns = ['reply0', 'reply1', 'reply2', 'reply3', 'reply4', 'reply5', 'reply6', 'reply7', 'reply8', 'reply9'] as const;

/**
 * The median of values counted in buckets: exact to its bucket, and within it
 * placed by linear interpolation (the open last bucket answers its lower bound).
 */
export function bucketMedian(counts: number[], bounds: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (seen + n >= half && n > 0) {
      const lo = i === 0 ? 0 : bounds[i - 1]!;
      const hi = bounds[i];
      if (hi === undefined) return lo;
      return Math.round(lo + ((half - seen) / n) * (hi - lo));
    }
    seen += n;
  }
  return null;
}

const productJson = (p: ProductFigure) => ({ id: p.externalId, name: p.name, count: p.count, average: round(p.ratingSum / p.count, 2) });

const isoMonth = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** Every month (`2023-04`) from `first` to `last`, both included. */
function monthRange(first: string, last: string): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let k = index(first); k <= index(last); k++) out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  return out;
}

/**
 * The store's whole history by calendar month, from the first month with a
 * review to this one: the monthly rollup, which (unlike a week) never
 * straddles two months. One row per month of history, whatever the number of reviews.
 */
function monthSeries(rows: MonthlyModerationRow[], now: number): NonNullable<Insights['months']> {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const thisMonth = isoMonth(now);
  const first = rows.find((r) => r.received > 0)?.month ?? thisMonth;
  return monthRange(first < thisMonth ? first : thisMonth, thisMonth).map((month) => {
    const r = byMonth.get(month);
    return { month, received: r?.received ?? 0, count: r?.published ?? 0, average: r && r.published > 0 ? round(r.ratingSum / r.published, 2) : null, verified: r?.verified ?? 0 };
  });
}

/**
 * The last `weeks` weeks of the store (this one included), or its whole
 * history (`all`, by month), for the dashboard. All of it reads every weekly
 * and monthly row of the store: their number follows the years of history,
 * never the number of reviews.
 */
export async function storeInsights(db: Db, storeId: string, opts: { weeks: number | 'all'; now: number }): Promise<Insights> {
  const thisWeek = weekStart(opts.now);
  const span = opts.weeks;
  const from = span === 'all' ? undefined : thisWeek - (span - 1) * 7 * DAY_MS;
  const [rows, monthRows, questions, byVolume, lowestRated] = await Promise.all([
    weeklyStats(db, storeId, from),
    span === 'all' ? monthlyModeration(db, storeId) : Promise.resolve([]),
    unansweredQuestions(db, storeId),
    topProductsByVolume(db, storeId, TOP_PRODUCTS),
    lowestRatedProducts(db, storeId, TOP_PRODUCTS),
  ]);
  const months = span === 'all' ? monthSeries(monthRows, opts.now) : undefined;
  const byWeek = new Map(rows.map((r) => [r.weekStart, r]));
  const sum = (pick: (r: WeeklyRow) => number) => rows.reduce((acc, r) => acc + pick(r), 0);
  const published = sum((r) => r.published);
  const ratingSum = sum((r) => r.ratingSum);
  const verified = sum((r) => r.verified);
  const replied = sum((r) => r.replied);
  const buckets = replyColumns.map((col) => sum((r) => r[col]));

  return {
    from: from === undefined ? `${months![0]!.month}-01` : isoDay(from),
    weeks: Array.from({ length: span === 'all' ? 0 : span }, (_, i) => {
      const at = from! + i * 7 * DAY_MS;
      const r = byWeek.get(at);
      return { weekStart: isoDay(at), received: r?.received ?? 0, count: r?.published ?? 0, average: r && r.published > 0 ? round(r.ratingSum / r.published, 2) : null, verified: r?.verified ?? 0 };
    }),
    totals: { received: sum((r) => r.received), published, average: published > 0 ? round(ratingSum / published, 2) : null, verified, verifiedShare: ratio(verified, published) },
    distribution: { 1: sum((r) => r.r1), 2: sum((r) => r.r2), 3: sum((r) => r.r3), 4: sum((r) => r.r4), 5: sum((r) => r.r5) },
    replies: {
      replied,
      rate: ratio(replied, published),
      meanMs: replied > 0 ? Math.round(sum((r) => r.replyMsSum) / replied) : null,
      medianMs: bucketMedian(buckets, replyBucketBounds),
      buckets: buckets.map((count, i) => ({ upToMs: replyBucketBounds[i] ?? null, count })),
    },
    questions: {
      unanswered: questions.count,
      oldestAt: questions.oldestAt === null ? null : new Date(questions.oldestAt).toISOString(),
      oldestAgeMs: questions.oldestAt === null ? null : Math.max(0, opts.now - questions.oldestAt),
    },
    funnel: { sent: sum((r) => r.requestsSent), opened: sum((r) => r.linksOpened), written: sum((r) => r.requestReviews) },
    products: { byVolume: byVolume.map(productJson), lowestRated: lowestRated.map(productJson) },
    ...(months ? { months } : {}),
  };
}

/** `2026-11` minus `n` months. */
function monthsBefore(now: number, n: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

/** What the public moderation page shows: counts per month of receipt, and the policy in words. */
export async function moderationFigures(db: Db, store: Store, now: number): Promise<ModerationFigures> {
  const rows = await monthlyModeration(db, store.id, monthsBefore(now, MODERATION_MONTHS - 1));
  const months = rows
    .filter((r) => r.received > 0)
    .map((r) => ({
      month: r.month,
      received: r.received,
      published: r.published,
      rejected: r.rejected,
      spam: r.spam,
      pending: r.received - r.published - r.rejected - r.spam,
      verifiedShare: ratio(r.verified, r.published),
    }));
  const total = (k: 'received' | 'published' | 'rejected' | 'spam') => rows.reduce((a, r) => a + r[k], 0);
  const verified = rows.reduce((a, r) => a + r.verified, 0);
  const t = { received: total('received'), published: total('published'), rejected: total('rejected'), spam: total('spam') };
  return {
    store: { id: store.id, name: store.name },
    months,
    totals: { ...t, pending: t.received - t.published - t.rejected - t.spam, verifiedShare: ratio(verified, t.published) },
    policy: policyInWords(store, await importedReviewVendors(db, store.id)),
  };
}
