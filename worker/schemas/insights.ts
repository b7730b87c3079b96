/** The dashboard's Insights answer and the public moderation figures. */
import { z } from '@hono/zod-openapi';

const WEEKS = 'weeks must be a whole number from 1 to 104, or all';

export const InsightsQuery = z.object({
  weeks: z
    .union([z.literal('all'), z.coerce.number({ error: WEEKS }).int({ error: WEEKS }).min(1, { error: WEEKS }).max(104, { error: WEEKS })], { error: WEEKS })
    .default(26)
    .openapi({
      param: { name: 'weeks', in: 'query' },
      example: 26,
      description: 'How many weeks back, this one included (1-104, default 26); `all` for the store\'s whole history, drawn by calendar month (`months`)',
    }),
});

const share = z.number().nullable().openapi({ description: 'From 0 to 1, three decimals; null when there is nothing to divide by' });

const ProductFigureSchema = z.object({ id: z.string(), name: z.string(), count: z.number().int(), average: z.number() });

/** A week's or a calendar month's reviews: received, and of the published ones their average and how many are verified. */
const periodFigures = z.object({ received: z.number().int(), average: z.number().nullable(), verified: z.number().int() });

export const InsightsSchema = z
  .object({
    /** ISO date of the first week's Monday (UTC); with weeks=all, of the first month's first day. */
    from: z.string().openapi({ example: '2026-06-08' }),
    weeks: z.array(
      periodFigures.extend({
        weekStart: z.string().openapi({ example: '2026-11-30' }),
        count: z.number().int().openapi({ description: 'Published reviews written that week' }),
      }),
    ),
    totals: z.object({ received: z.number().int(), published: z.number().int(), average: z.number().nullable(), verified: z.number().int(), verifiedShare: share }),
    distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    replies: z.object({
      replied: z.number().int(),
      rate: share,
      meanMs: z.number().int().nullable(),
      medianMs: z.number().int().nullable().openapi({ description: 'Read from the buckets: exact to its bucket, interpolated within it' }),
      buckets: z.array(z.object({ upToMs: z.number().int().nullable().openapi({ description: 'Inclusive upper bound; null for the open last bucket' }), count: z.number().int() })),
    }),
    questions: z.object({ unanswered: z.number().int(), oldestAt: z.string().nullable(), oldestAgeMs: z.number().int().nullable() }),
    funnel: z.object({
      sent: z.number().int().openapi({ description: 'Review request emails sent in the window' }),
      opened: z.number().int().openapi({ description: 'Requests whose link was first opened in the window' }),
      written: z.number().int().openapi({ description: 'Requested orders whose first review was written in the window' }),
    }),
    products: z.object({ byVolume: z.array(ProductFigureSchema), lowestRated: z.array(ProductFigureSchema) }),
    months: z
      .array(
        periodFigures.extend({
          month: z.string().openapi({ example: '2023-04' }),
          count: z.number().int().openapi({ description: 'Published reviews written that calendar month (UTC)' }),
        }),
      )
      .optional()
      .openapi({ description: 'With weeks=all only (`weeks` is then empty): every calendar month (UTC) from the first with a review to this one' }),
  })
  .openapi('Insights');

export const ModerationFiguresSchema = z
  .object({
    store: z.object({ id: z.string(), name: z.string() }),
    months: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-11' }),
        received: z.number().int(),
        published: z.number().int(),
        rejected: z.number().int(),
        spam: z.number().int(),
        pending: z.number().int(),
        verifiedShare: share,
      }),
    ),
    totals: z.object({ received: z.number().int(), published: z.number().int(), rejected: z.number().int(), spam: z.number().int(), pending: z.number().int(), verifiedShare: share }),
    policy: z.array(z.string()).openapi({ description: 'How reviews are checked, in sentences generated from the store’s current settings' }),
  })
  .openapi('ModerationFigures');

export type Insights = z.infer<typeof InsightsSchema>;
export type ModerationFigures = z.infer<typeof ModerationFiguresSchema>;
