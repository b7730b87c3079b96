import { z } from '@hono/zod-openapi';
import { reportReasons, reviewStatuses } from '../../db/schema';
import { reviewSorts } from '../../db/queries/reviews';
import { MAX_MARKDOWN_LENGTH } from '../domain/markdown';
import { MAX_TURNSTILE_TOKEN } from '../domain/turnstile';
import { AuthorSchema, plainText, ReplySchema, SummarySchema } from './common';
import { MediaSchema, UploadIdSchema } from './media';

const rating = z
  .number({ error: 'rating must be an integer from 1 to 5' })
  .int({ error: 'rating must be an integer from 1 to 5' })
  .min(1, { error: 'rating must be an integer from 1 to 5' })
  .max(5, { error: 'rating must be an integer from 1 to 5' });

const ratingQuery = z.coerce
  .number({ error: 'rating must be an integer from 1 to 5' })
  .int({ error: 'rating must be an integer from 1 to 5' })
  .min(1, { error: 'rating must be an integer from 1 to 5' })
  .max(5, { error: 'rating must be an integer from 1 to 5' });

export const limitQuery = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `limit must be an integer from 1 to ${max}` })
    .int({ error: `limit must be an integer from 1 to ${max}` })
    .min(1, { error: `limit must be an integer from 1 to ${max}` })
    .max(max, { error: `limit must be an integer from 1 to ${max}` })
    .default(fallback);

export const searchQuery = z.string().trim().min(1, { error: 'q must not be empty' }).max(200, { error: 'q must be at most 200 characters' });
export const cursorQuery = z.string().max(512, { error: 'cursor is too long' });

export const ReviewListQuery = z.object({
  sort: z.enum(reviewSorts, { error: `sort must be one of ${reviewSorts.join(', ')}` }).default('recent'),
  rating: ratingQuery.optional(),
  verified: z.enum(['true', 'false'], { error: 'verified must be true or false' }).optional(),
  q: searchQuery.optional(),
  limit: limitQuery(50, 10),
  cursor: cursorQuery.optional(),
  media: z.enum(['true'], { error: 'media must be true (reviews with photos or video)' }).optional(),
});

export const PublicReviewSchema = z
  .object({
    id: z.string(),
    rating: z.number().int(),
    title: z.string().nullable(),
    body: z.string().openapi({ description: 'Markdown source' }),
    bodyHtml: z.string().openapi({ description: 'Rendered HTML: raw HTML escaped, only http(s)/mailto links' }),
    author: z.object({ name: z.string() }),
    verified: z.boolean(),
    verification: z
      .enum(['order', 'imported'])
      .nullable()
      .openapi({ description: 'How the purchase was verified: `order`, by an order Verity knows; `imported`, by the tool the review was imported from (see `source`); null when unverified' }),
    locale: z.string().nullable(),
    createdAt: z.string(),
    helpfulCount: z.number().int(),
    unhelpfulCount: z.number().int(),
    reply: ReplySchema.nullable(),
    editedAt: z.string().nullable().openapi({ description: 'When the author last changed it through their edit link; null if never' }),
    media: z.array(MediaSchema).openapi({ description: 'Visible photos and videos: the review is published and the merchant has not hidden them' }),
    source: z.string().openapi({ description: 'Where the review was written: `verity`, or the tool it was imported from (`judgeme`, `yotpo`, `okendo`, `stamped`, `import`)' }),
  })
  .openapi('Review');

export const ReviewListSchema = z
  .object({
    summary: SummarySchema.extend({
      mediaCount: z.number().int().openapi({ description: 'Published reviews with at least one visible photo or video: 0 means no "with photos" filter to offer' }),
    }),
    reviews: z.array(PublicReviewSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('ReviewList');

export const markdownText = (field: string, max = MAX_MARKDOWN_LENGTH) =>
  z
    .string({ error: `${field} must be a string of Markdown` })
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` });

/** The Turnstile widget's token, required when the store turns Turnstile on (domain/turnstile.ts). */
export const turnstileToken = z
  .string({ error: 'turnstileToken must be a string' })
  .max(MAX_TURNSTILE_TOKEN, { error: `turnstileToken must be at most ${MAX_TURNSTILE_TOKEN} characters` })
  .optional()
  .openapi({ description: "Cloudflare Turnstile's token, when the store asks for one" });

export const NewReviewSchema = z
  .strictObject({
    rating,
    title: plainText('title', 150).optional(),
    body: markdownText('body'),
    author: z.strictObject(AuthorSchema.shape),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'locale must be a language tag such as en or de-CH' })
      .optional(),
    /** The form's honeypot: people leave it empty, bots fill it in. */
    website: z.string().max(500).optional().openapi({ description: 'Honeypot: must be empty; a filled one files the review as spam' }),
    turnstileToken,
    media: z
      .array(UploadIdSchema, { error: 'media must be a list of upload ids' })
      .max(20, { error: 'media may list at most 20 uploads' })
      .optional()
      .openapi({ description: 'Upload ids (POST …/uploads) to attach: at most the store\'s maxPhotos photos and one video' }),
  })
  .openapi('NewReview');

export const CreatedReviewSchema = z
  .object({ id: z.string(), status: z.enum(reviewStatuses) })
  .openapi('CreatedReview');

export const VoteSchema = z
  .strictObject({
    value: z.enum(['helpful', 'unhelpful'], { error: 'value must be "helpful" or "unhelpful"' }),
    voter: z
      .string({ error: 'voter must be a string token that identifies this browser' })
      .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'voter must be 16-128 characters of A-Z, a-z, 0-9, "_" or "-"' }),
  })
  .openapi('Vote');

export const VoteResultSchema = z
  .object({ helpfulCount: z.number().int(), unhelpfulCount: z.number().int() })
  .openapi('VoteResult');

export const ReportSchema = z
  .strictObject({
    reason: z.enum(reportReasons, { error: `reason must be one of ${reportReasons.join(', ')}` }),
    note: z.string().trim().max(1000, { error: 'note must be at most 1000 characters' }).optional(),
    reporter: z
      .string({ error: 'reporter must be a string token that identifies this browser' })
      .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'reporter must be 16-128 characters of A-Z, a-z, 0-9, "_" or "-"' }),
  })
  .openapi('Report');

export const AdminReviewSchema = PublicReviewSchema.extend({
  product: z.string(),
  status: z.enum(reviewStatuses),
  author: z.object({ name: z.string(), email: z.string() }),
  orderId: z.string().nullable(),
  reportCount: z.number().int(),
  updatedAt: z.string(),
}).openapi('AdminReview');
