/** Q&A moderation and the store's official answers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  acceptAnswer,
  deleteAnswer,
  deleteQuestion,
  getOfficialAnswer,
  getQuestion,
  listStoreAnswers,
  listStoreQuestions,
} from '../../../db/queries/questions';
import { reviewStatuses, type ReviewStatus } from '../../../db/schema';
import { domainContext, type AppEnv } from '../../context';
import { notFound } from '../../errors';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import {
  AcceptSchema,
  AdminAnswerListSchema,
  AdminAnswerSchema,
  AdminQaQuery,
  AdminQuestionListSchema,
  AnswerParams,
  OfficialAnswerSchema,
  QaBulkSchema,
  QaStatusSchema,
  QuestionParams,
} from '../../schemas/questions';
import { adminAnswerJson, adminQuestionJson } from '../../serializers/api-json';
import { moderateQa, writeOfficialAnswer } from '../../domain/questions';
import { validationHook } from '../../http/validation';
import { audit, auditStatus, statusesBefore } from '../../http/audit-trail';
import type { Context } from 'hono';

export const adminQuestions = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

/** Q&A moderation (domain/questions.ts) with an audit entry for every status that moved. */
async function moderate(c: Context<AppEnv>, ids: string[], status: ReviewStatus): Promise<string[]> {
  const [questionsBefore, answersBefore] = [
    await statusesBefore(c, 'questions', ids.filter((id) => id.startsWith('qn_'))),
    await statusesBefore(c, 'answers', ids.filter((id) => id.startsWith('an_'))),
  ];
  const changed = await moderateQa(domainContext(c, c.get('merchantStore')), ids, status);
  await auditStatus(c, 'questions', questionsBefore, changed, status);
  await auditStatus(c, 'answers', answersBefore, changed, status);
  return changed;
}

for (const kind of ['questions', 'answers'] as const) {
  adminQuestions.openapi(
    createRoute({
      method: 'get',
      path: `/{store}/${kind}`,
      operationId: kind === 'questions' ? 'listStoreQuestions' : 'listStoreAnswers',
      tags: ['Merchant'],
      security,
      summary: `List ${kind} of every status, newest first`,
      request: { params: StoreParams, query: AdminQaQuery },
      responses: {
        200: kind === 'questions' ? json(AdminQuestionListSchema, 'One page of questions') : json(AdminAnswerListSchema, 'One page of answers'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = { ...c.req.valid('query'), storeId: c.get('merchantStore').id };
      if (kind === 'questions') {
        const page = await listStoreQuestions(c.get('db'), query);
        return c.json({ questions: page.items.map(adminQuestionJson), nextCursor: page.nextCursor }, 200);
      }
      const page = await listStoreAnswers(c.get('db'), query);
      return c.json({ answers: page.items.map(adminAnswerJson), nextCursor: page.nextCursor }, 200);
    },
  );

  adminQuestions.openapi(
    createRoute({
      method: 'patch',
      path: `/{store}/${kind}/{id}`,
      operationId: kind === 'questions' ? 'moderateQuestion' : 'moderateAnswer',
      tags: ['Merchant'],
      security,
      summary: `Publish, reject or mark ${kind === 'questions' ? 'a question' : 'an answer'} as spam`,
      request: { params: kind === 'questions' ? QuestionParams : AnswerParams, body: jsonBody(QaStatusSchema) },
      responses: { 200: json(z.object({ id: z.string(), status: z.enum(reviewStatuses) }), 'Changed'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { status } = c.req.valid('json');
      const [changed] = await moderate(c, [id], status);
      if (!changed) throw notFound(`${kind.slice(0, -1)} "${id}"`);
      return c.json({ id: changed, status }, 200);
    },
  );
}

adminQuestions.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/qa/moderate',
    operationId: 'moderateQa',
    tags: ['Merchant'],
    security,
    summary: 'Set the status of many questions and answers at once',
    request: { params: StoreParams, body: jsonBody(QaBulkSchema) },
    responses: { 200: json(z.object({ updated: z.array(z.string()), notFound: z.array(z.string()) }), 'Which changed'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { ids, status } = c.req.valid('json');
    const unique = [...new Set(ids)];
    const updated = await moderate(c, unique, status);
    const found = new Set(updated);
    return c.json({ updated, notFound: unique.filter((id) => !found.has(id)) }, 200);
  },
);

adminQuestions.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/questions/{id}',
    operationId: 'deleteQuestion',
    tags: ['Merchant'],
    security,
    summary: 'Delete a question with all its answers',
    request: { params: QuestionParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteQuestion(c.get('db'), c.get('merchantStore').id, id))) throw notFound(`question "${id}"`);
    await audit(c, { action: 'question.delete', target: { kind: 'question', id } });
    return c.body(null, 204);
  },
);

adminQuestions.openapi(
  createRoute({
    method: 'put',
    path: '/{store}/questions/{id}/answer',
    operationId: 'putOfficialAnswer',
    tags: ['Merchant'],
    security,
    summary: "Write or edit the store's official answer",
    description: 'Published at once and marked official; the asker is emailed the first time.',
    request: { params: QuestionParams, body: jsonBody(OfficialAnswerSchema) },
    responses: { 200: json(AdminAnswerSchema, 'The official answer'), ...errorResponses(400, 401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { body } = c.req.valid('json');
    const ctx = domainContext(c, c.get('merchantStore'));
    const question = await getQuestion(c.get('db'), ctx.store.id, id);
    if (!question) throw notFound(`question "${id}"`);
    const existing = await getOfficialAnswer(c.get('db'), question.id);
    const answer = await writeOfficialAnswer(ctx, question, body);
    await audit(c, { action: existing ? 'answer.official.update' : 'answer.official.create', target: { kind: 'question', id }, details: { answerId: answer.id } });
    return c.json(adminAnswerJson(answer), 200);
  },
);

adminQuestions.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/questions/{id}/answer',
    operationId: 'deleteOfficialAnswer',
    tags: ['Merchant'],
    security,
    summary: "Remove the store's official answer",
    request: { params: QuestionParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const question = await getQuestion(c.get('db'), c.get('merchantStore').id, id);
    const official = question && (await getOfficialAnswer(c.get('db'), question.id));
    if (!official || !(await deleteAnswer(c.get('db'), c.get('merchantStore').id, official.id))) throw notFound(`official answer to "${id}"`);
    await audit(c, { action: 'answer.official.delete', target: { kind: 'question', id }, details: { answerId: official.id } });
    return c.body(null, 204);
  },
);

adminQuestions.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/questions/{id}/accept',
    operationId: 'acceptAnswer',
    tags: ['Merchant'],
    security,
    summary: 'Choose the accepted answer (or clear it with null)',
    request: { params: QuestionParams, body: jsonBody(AcceptSchema) },
    responses: { 200: json(z.object({ acceptedAnswerId: z.string().nullable() }), 'Accepted'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { answerId } = c.req.valid('json');
    const outcome = await acceptAnswer(c.get('db'), c.get('merchantStore').id, id, answerId, c.get('now'));
    if (outcome === 'no_question') throw notFound(`question "${id}"`);
    if (outcome === 'no_answer') throw notFound(`answer "${answerId}" as a published answer of question "${id}"`);
    await audit(c, { action: 'answer.accept', target: { kind: 'question', id }, details: { answerId } });
    return c.json({ acceptedAnswerId: answerId }, 200);
  },
);
