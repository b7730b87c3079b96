/** The inbox: query, item and bulk moderation shapes (the contract in briefs/dashboard-api.md). */
import { z } from '@hono/zod-openapi';
import { AdminMediaSchema } from './media';
import { inboxTabs } from '../../db/queries/inbox';
import { reportReasons, reviewStatuses } from '../../db/schema';
import { cursorQuery, limitQuery, searchQuery } from './reviews';

const status = z.enum(reviewStatuses, { error: `status must be one of ${reviewStatuses.join(', ')}` });
const bool = (field: string) =>
  z
    .enum(['true', 'false'], { error: `${field} must be true or false` })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'));

export const InboxQuery = z
  .object({
    tab: z.enum(inboxTabs, { error: `tab must be one of ${inboxTabs.join(', ')}` }).default('reviews'),
    status: status.optional().openapi({ description: 'Default `pending` on the reviews, questions and answers tabs; any status on `reported`' }),
    rating: z.coerce
      .number({ error: 'rating must be an integer from 1 to 5' })
      .int({ error: 'rating must be an integer from 1 to 5' })
      .min(1, { error: 'rating must be an integer from 1 to 5' })
      .max(5, { error: 'rating must be an integer from 1 to 5' })
      .optional(),
    product: z.string().max(128).optional().openapi({ description: "The product's external id" }),
    verified: bool('verified').openapi({ description: 'Reviews: by an order; answers: by an owner' }),
    hasReply: bool('hasReply').openapi({ description: 'Reviews only: whether the store replied' }),
    q: searchQuery.optional(),
    limit: limitQuery(100, 25),
    cursor: cursorQuery.optional(),
  })
  .superRefine((v, ctx) => {
    const only = (field: 'rating' | 'hasReply' | 'verified', tabs: readonly string[], where: string) => {
      if (v[field] !== undefined && !tabs.includes(v.tab)) ctx.addIssue({ code: 'custom', path: [field], message: `${field} applies to the ${where} only` });
    };
    only('rating', ['reviews'], 'reviews tab');
    only('hasReply', ['reviews'], 'reviews tab');
    only('verified', ['reviews', 'answers'], 'reviews and answers tabs');
    if (v.q !== undefined && v.tab === 'reported') ctx.addIssue({ code: 'custom', path: ['q'], message: 'q applies to the reviews, questions and answers tabs' });
  });

const body = { body: z.string().openapi({ description: 'Markdown source' }), bodyHtml: z.string() };

export const InboxItemSchema = z
  .object({
    kind: z.enum(['review', 'question', 'answer']),
    id: z.string(),
    status: z.enum(reviewStatuses),
    createdAt: z.string(),
    product: z.object({ id: z.string().openapi({ description: 'External id' }), name: z.string(), url: z.string().nullable() }),
    author: z.object({
      name: z.string(),
      email: z.string().nullable(),
      verified: z.boolean(),
      blockEntry: z.string().nullable().openapi({ description: 'Put this on the block list to block the address it was written from (`addr:<hash>`); null when unknown' }),
    }),
    rating: z.number().int().optional(),
    title: z.string().nullable().optional(),
    ...body,
    reply: z.object({ ...body, updatedAt: z.string() }).nullable().optional().openapi({ description: "Reviews: the store's public reply" }),
    answers: z.array(z.object({ id: z.string(), ...body, updatedAt: z.string() })).optional().openapi({ description: "Questions: the store's official answer, if any" }),
    question: z.object({ id: z.string(), body: z.string() }).optional().openapi({ description: 'Answers: the question answered' }),
    reports: z.array(z.object({ reason: z.enum(reportReasons), count: z.number().int() })),
    firstTimeAuthor: z.boolean().openapi({ description: 'Nothing else by this author is published in the store' }),
    media: z.array(AdminMediaSchema).optional().openapi({ description: 'Reviews: every photo and video, hidden ones too; URLs need the session or key' }),
  })
  .openapi('InboxItem');

export const InboxCountsSchema = z
  .object({ reviews: z.number().int(), questions: z.number().int(), answers: z.number().int(), reported: z.number().int() })
  .openapi({ description: 'What needs a decision: pending per kind, and reported items not yet decided' });

export const InboxSchema = z
  .object({ items: z.array(InboxItemSchema), nextCursor: z.string().nullable(), counts: InboxCountsSchema })
  .openapi('Inbox');

export const MAX_INBOX_MODERATION = 200;
const idPattern = { review: /^rv_[0-9a-z]{24}$/, question: /^qn_[0-9a-z]{24}$/, answer: /^an_[0-9a-z]{24}$/ } as const;
const article = { review: 'a review', question: 'a question', answer: 'an answer' } as const;

export const InboxModerationSchema = z
  .strictObject({
    items: z
      .array(
        z
          .strictObject({ kind: z.enum(['review', 'question', 'answer'], { error: 'kind must be review, question or answer' }), id: z.string().max(64) })
          .superRefine((item, ctx) => {
            if (!idPattern[item.kind].test(item.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: `${item.id} is not ${article[item.kind]} id` });
          }),
      )
      .min(1, { error: 'items must name at least one item' })
      .max(MAX_INBOX_MODERATION, { error: `items may name at most ${MAX_INBOX_MODERATION} items` }),
    status,
  })
  .openapi('InboxModeration');
