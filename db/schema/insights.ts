/**
 * Rollups behind the dashboard's Insights page and the public moderation
 * figures. Triggers (migration 0011) keep them exact in the same transaction as
 * the review, reply, email or link change that moves them, so a page view
 * reads a few dozen rows whatever the number of reviews.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stores } from './stores';

const counter = (name: string) => integer(name).notNull().default(0);

/**
 * Upper bounds (ms, inclusive) of the buckets of time to first reply; the last
 * bucket is open. A median read from them is exact to its bucket; within the
 * bucket it is interpolated (db/queries/insights.ts).
 */
export const replyBucketBounds = [1, 4, 12, 24, 48, 72, 168, 336, 720].map((h) => h * 3_600_000);

/**
 * One row per store and week (Monday 00:00 UTC, in ms), by the week a review
 * was written. Review figures count its current status; the request funnel
 * counts events in the week they happened.
 */
export const storeWeeklyStats = sqliteTable(
  'store_weekly_stats',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    weekStart: integer('week_start').notNull(),
    /** Every review written that week, whatever its status. */
    received: counter('received'),
    published: counter('published'),
    /** Published only, as are the columns below down to the reply buckets. */
    ratingSum: counter('rating_sum'),
    r1: counter('r1'),
    r2: counter('r2'),
    r3: counter('r3'),
    r4: counter('r4'),
    r5: counter('r5'),
    verified: counter('verified'),
    /** Published reviews with a merchant reply, and the sum of their times to it. */
    replied: counter('replied'),
    replyMsSum: counter('reply_ms_sum'),
    reply0: counter('reply_0'),
    reply1: counter('reply_1'),
    reply2: counter('reply_2'),
    reply3: counter('reply_3'),
    reply4: counter('reply_4'),
    reply5: counter('reply_5'),
    reply6: counter('reply_6'),
    reply7: counter('reply_7'),
    reply8: counter('reply_8'),
    reply9: counter('reply_9'),
    /** Review request emails enqueued that week. */
    requestsSent: counter('requests_sent'),
    /** Requests whose review link was first opened that week. */
    linksOpened: counter('links_opened'),
    /** Requested orders whose first review was written that week. */
    requestReviews: counter('request_reviews'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.weekStart] })],
);

/** Per store and calendar month (`2026-11`, UTC) of receipt: what the public moderation page discloses. */
export const storeMonthlyModeration = sqliteTable(
  'store_monthly_moderation',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    received: counter('received'),
    published: counter('published'),
    rejected: counter('rejected'),
    spam: counter('spam'),
    /** Published and verified. */
    verified: counter('verified'),
    /** The ratings of the published ones: the all-time Insights chart's average per calendar month (migration 0018). */
    ratingSum: counter('rating_sum'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.month] })],
);
