/** Product Q&A for shoppers: read, ask, answer, vote, report, and search reviews and questions together. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getProduct } from '../../../db/queries/products';
import { getQuestion, getQuestions, listPublishedQuestions, publishedAnswersOf } from '../../../db/queries/questions';
import { getStoreReviews } from '../../../db/queries/reviews';
import { searchProduct } from '../../../db/queries/search';
import { report, voteOnAnswer } from '../../domain/votes';
import { domainContext, writeContext, type AppEnv } from '../../context';
import { notFound } from '../../errors';
import { errorResponses, json, jsonBody, ProductParams } from '../../schemas/common';
import {
  AnswerParams,
  AnswerVoteSchema,
  NewAnswerSchema,
  NewQuestionSchema,
  QuestionListQuery,
  QuestionParams,
  QuestionSchema,
  SearchQuery,
} from '../../schemas/questions';
import { PublicReviewSchema, ReportSchema } from '../../schemas/reviews';
import { publicReviewJson, questionJson } from '../../serializers/api-json';
import { answerQuestion, askQuestion } from '../../domain/questions';
import { requireTurnstile } from '../../domain/turnstile';
import { validationHook } from '../../http/validation';
import { urls } from '../../domain/urls';

export const questions = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const created = z.object({ id: z.string(), status: z.enum(['pending', 'published', 'rejected', 'spam']) });

questions.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products/{product}/questions',
    operationId: 'listProductQuestions',
    security: [],
    tags: ['Public'],
    summary: "A product's published questions with their answers",
    description: 'sort=unanswered lists questions still waiting for an answer. Keyset-paginated like reviews.',
    request: { params: ProductParams, query: QuestionListQuery },
    responses: {
      200: json(z.object({ questions: z.array(QuestionSchema), nextCursor: z.string().nullable() }), 'One page'),
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const query = c.req.valid('query');
    const product = await getProduct(c.get('db'), c.get('store').id, externalId);
    if (!product) throw notFound(`product "${externalId}"`);
    const page = await listPublishedQuestions(c.get('db'), { productId: product.id, ...query });
    return c.json(
      {
        questions: page.items.map((q) => questionJson(q, externalId, urls.questionPage(c.get('baseUrl'), c.get('store').id, q.id))),
        nextCursor: page.nextCursor,
      },
      200,
    );
  },
);

questions.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/products/{product}/questions',
    operationId: 'askQuestion',
    security: [],
    tags: ['Public'],
    summary: 'Ask a question about a product',
    description: "Published at once or held, per the store's policy. When published, recent buyers are asked to answer by email.",
    request: { params: ProductParams, body: jsonBody(NewQuestionSchema) },
    responses: { 201: json(created, 'Accepted'), ...errorResponses(400, 403, 404, 413, 415, 422, 429, 503) },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const input = c.req.valid('json');
    await requireTurnstile(c.get('store'), input.turnstileToken, { verifyUrl: c.get('turnstileVerifyUrl'), remoteIp: c.get('clientAddress') });
    const product = await getProduct(c.get('db'), c.get('store').id, externalId);
    if (!product) throw notFound(`product "${externalId}"`);
    const question = await askQuestion(writeContext(c, c.get('store')), product, {
      body: input.body,
      authorName: input.author.name,
      authorEmail: input.author.email,
    });
    return c.json({ id: question.id, status: question.status }, 201);
  },
);

questions.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/questions/{id}',
    operationId: 'getQuestion',
    security: [],
    tags: ['Public'],
    summary: 'One published question with its answers',
    request: { params: QuestionParams },
    responses: { 200: json(QuestionSchema, 'The question'), ...errorResponses(400, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const question = await getQuestion(c.get('db'), c.get('store').id, id);
    if (!question || question.status !== 'published') throw notFound(`question "${id}"`);
    const answers = (await publishedAnswersOf(c.get('db'), [question])).get(question.id)!;
    return c.json(questionJson({ ...question, answers }, question.productExternalId, urls.questionPage(c.get('baseUrl'), c.get('store').id, id)), 200);
  },
);

questions.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/questions/{id}/answers',
    operationId: 'answerQuestion',
    security: [],
    tags: ['Public'],
    summary: 'Answer a question as a shopper (a community answer)',
    description: 'Owners answer through the signed link emailed to them, and their answers are marked as owner answers.',
    request: { params: QuestionParams, body: jsonBody(NewAnswerSchema) },
    responses: { 201: json(created, 'Accepted'), ...errorResponses(400, 403, 404, 413, 415, 422, 429, 503) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    await requireTurnstile(c.get('store'), input.turnstileToken, { verifyUrl: c.get('turnstileVerifyUrl'), remoteIp: c.get('clientAddress') });
    const question = await getQuestion(c.get('db'), c.get('store').id, id);
    if (!question || question.status !== 'published') throw notFound(`question "${id}"`);
    const answer = await answerQuestion(writeContext(c, c.get('store')), question, {
      body: input.body,
      authorName: input.author.name,
      authorEmail: input.author.email,
      kind: 'community',
    });
    return c.json({ id: answer.id, status: answer.status }, 201);
  },
);

questions.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/answers/{id}/votes',
    operationId: 'voteAnswer',
    security: [],
    tags: ['Public'],
    summary: 'Vote an answer helpful (one vote per voter)',
    request: { params: AnswerParams, body: jsonBody(AnswerVoteSchema) },
    responses: { 200: json(z.object({ helpfulCount: z.number().int() }), 'Count after the vote'), ...errorResponses(400, 403, 404, 409, 429) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { voter } = c.req.valid('json');
    return c.json(await voteOnAnswer(domainContext(c, c.get('store')), id, { voter, clientAddress: c.get('clientAddress') }), 200);
  },
);

for (const kind of ['questions', 'answers'] as const) {
  questions.openapi(
    createRoute({
      method: 'post',
      path: `/{store}/${kind}/{id}/reports`,
      operationId: kind === 'questions' ? 'reportQuestion' : 'reportAnswer',
      security: [],
      tags: ['Public'],
      summary: `Report ${kind === 'questions' ? 'a question' : 'an answer'} to the merchant`,
      request: { params: kind === 'questions' ? QuestionParams : AnswerParams, body: jsonBody(ReportSchema) },
      responses: { 202: json(z.object({ status: z.literal('received') }), 'Received'), ...errorResponses(400, 403, 404, 409, 429) },
    }),
    async (c) => {
      await report(domainContext(c, c.get('store')), { kind: kind === 'questions' ? 'question' : 'answer', id: c.req.valid('param').id }, c.req.valid('json'));
      return c.json({ status: 'received' as const }, 202);
    },
  );
}

questions.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products/{product}/search',
    operationId: 'searchProduct',
    security: [],
    tags: ['Public'],
    summary: "Search a product's reviews and questions together, newest first",
    description: 'Every word must match (whole words). A question also matches through its published answers.',
    request: { params: ProductParams, query: SearchQuery },
    responses: {
      200: json(
        z.object({
          results: z.array(
            z.union([z.object({ kind: z.literal('review'), review: PublicReviewSchema }), z.object({ kind: z.literal('question'), question: QuestionSchema })]),
          ),
        }),
        'Matches, newest first',
      ),
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const { q, limit } = c.req.valid('query');
    const product = await getProduct(c.get('db'), c.get('store').id, externalId);
    if (!product) throw notFound(`product "${externalId}"`);
    const hits = await searchProduct(c.get('db'), product.id, q, limit);
    // Each kind's hits in one query, then the answers of all the questions in one more.
    const [foundReviews, foundQuestions] = await Promise.all([
      getStoreReviews(c.get('db'), c.get('store').id, hits.filter((h) => h.kind === 'review').map((h) => h.id)),
      getQuestions(c.get('db'), c.get('store').id, hits.filter((h) => h.kind === 'question').map((h) => h.id)),
    ]);
    const answersOf = await publishedAnswersOf(c.get('db'), [...foundQuestions.values()]);
    const results = [];
    for (const hit of hits) {
      if (hit.kind === 'review') {
        const review = foundReviews.get(hit.id);
        if (review) results.push({ kind: 'review' as const, review: publicReviewJson(review) });
      } else {
        const question = foundQuestions.get(hit.id);
        if (!question) continue;
        results.push({
          kind: 'question' as const,
          question: questionJson({ ...question, answers: answersOf.get(question.id)! }, externalId, urls.questionPage(c.get('baseUrl'), c.get('store').id, question.id)),
        });
      }
    }
    return c.json({ results }, 200);
  },
);
