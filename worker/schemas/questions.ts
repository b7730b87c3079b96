import { z } from '@hono/zod-openapi';
import { answerKinds, reviewStatuses } from '../../db/schema';
import { questionSorts } from '../../db/queries/questions';
import { AuthorSchema, StoreIdParam } from './common';
import { cursorQuery, limitQuery, markdownText, searchQuery, turnstileToken } from './reviews';

export const QuestionIdParam = z
  .string()
  .regex(/^qn_[0-9a-z]{24}$/, { error: 'question id must look like qn_ followed by 24 letters or digits' })
  .openapi({ param: { name: 'id', in: 'path' } });
export const AnswerIdParam = z
  .string()
  .regex(/^an_[0-9a-z]{24}$/, { error: 'answer id must look like an_ followed by 24 letters or digits' })
  .openapi({ param: { name: 'id', in: 'path' } });

export const QuestionParams = z.object({ store: StoreIdParam, id: QuestionIdParam });
export const AnswerParams = z.object({ store: StoreIdParam, id: AnswerIdParam });

export const QuestionListQuery = z.object({
  sort: z.enum(questionSorts, { error: `sort must be one of ${questionSorts.join(', ')}` }).default('recent'),
  q: searchQuery.optional(),
  limit: limitQuery(50, 10),
  cursor: cursorQuery.optional(),
});

export const AnswerSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    author: z.object({ name: z.string() }),
    kind: z.enum(answerKinds).openapi({ description: 'official: the store; owner: a verified buyer; community: any shopper' }),
    verified: z.boolean(),
    accepted: z.boolean(),
    helpfulCount: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Answer');

export const QuestionSchema = z
  .object({
    id: z.string(),
    product: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    author: z.object({ name: z.string() }),
    answerCount: z.number().int(),
    acceptedAnswerId: z.string().nullable(),
    createdAt: z.string(),
    url: z.string().openapi({ description: 'The crawlable question page' }),
    answers: z.array(AnswerSchema),
  })
  .openapi('Question');

export const NewQuestionSchema = z
  .strictObject({ body: markdownText('body', 2000), author: z.strictObject(AuthorSchema.shape), turnstileToken })
  .openapi('NewQuestion');

export const NewAnswerSchema = z
  .strictObject({ body: markdownText('body'), author: z.strictObject(AuthorSchema.shape), turnstileToken })
  .openapi('NewAnswer');

export const AnswerVoteSchema = z
  .strictObject({
    voter: z
      .string({ error: 'voter must be a string token that identifies this browser' })
      .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'voter must be 16-128 characters of A-Z, a-z, 0-9, "_" or "-"' }),
  })
  .openapi('AnswerVote');

export const SearchQuery = z.object({ q: searchQuery, limit: limitQuery(50, 20) });

const status = z.enum(reviewStatuses, { error: `status must be one of ${reviewStatuses.join(', ')}` });
export const AdminQaQuery = z.object({ status: status.optional(), limit: limitQuery(100, 25), cursor: cursorQuery.optional() });
export const QaStatusSchema = z.strictObject({ status }).openapi('QaStatusChange');
export const QaBulkSchema = z
  .strictObject({
    ids: z
      .array(z.string().regex(/^(qn|an)_[0-9a-z]{24}$/, { error: 'each id must be a question (qn_…) or answer (an_…) id' }))
      .min(1, { error: 'ids must name at least one item' })
      .max(200, { error: 'ids may name at most 200 items' }),
    status,
  })
  .openapi('QaBulkModeration');
export const OfficialAnswerSchema = z.strictObject({ body: markdownText('body') }).openapi('OfficialAnswerInput');
export const AcceptSchema = z
  .strictObject({ answerId: z.string().regex(/^an_[0-9a-z]{24}$/, { error: 'answerId must be an answer id (an_…)' }).nullable() })
  .openapi('AcceptAnswer');

/** A question as the merchant sees it: every status, the asker's email, reports. */
export const AdminQuestionSchema = z
  .object({
    id: z.string(),
    product: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    author: z.object({ name: z.string(), email: z.string() }),
    status: z.enum(reviewStatuses),
    answerCount: z.number().int(),
    acceptedAnswerId: z.string().nullable(),
    reportCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminQuestion');

/** An answer as the merchant sees it; the store's own (official) answers have no email. */
export const AdminAnswerSchema = z
  .object({
    id: z.string(),
    questionId: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    author: z.object({ name: z.string(), email: z.string().nullable() }),
    kind: z.enum(answerKinds),
    orderId: z.string().nullable().openapi({ description: "An owner answer's order, the proof that its author bought the product" }),
    status: z.enum(reviewStatuses),
    helpfulCount: z.number().int(),
    reportCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminAnswer');

export const AdminQuestionListSchema = z
  .object({ questions: z.array(AdminQuestionSchema), nextCursor: z.string().nullable() })
  .openapi('AdminQuestionList');
export const AdminAnswerListSchema = z.object({ answers: z.array(AdminAnswerSchema), nextCursor: z.string().nullable() }).openapi('AdminAnswerList');

/** What GDPR export lists of an author's questions. */
export const ExportedQuestionSchema = z
  .object({ id: z.string(), body: z.string(), status: z.enum(reviewStatuses), createdAt: z.string(), author: z.object({ name: z.string(), email: z.string() }) })
  .openapi('ExportedQuestion');
