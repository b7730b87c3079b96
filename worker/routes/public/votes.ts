/** Helpful votes and abuse reports on published reviews. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { castVote, fileReport } from '../../../db/queries/votes';
import { randomId } from '../../lib/crypto';
import { hashVoterToken, voteLimitReached, VOTES_PER_ADDRESS, voterIdentity } from '../../domain/voters';
import type { AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { errorResponses, json, jsonBody, ReviewParams } from '../../schemas/common';
import { ReportSchema, VoteResultSchema, VoteSchema } from '../../schemas/reviews';
import { validationHook } from '../../http/validation';

export const votes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const voteRoute = createRoute({
  method: 'post',
  path: '/{store}/reviews/{id}/votes',
  operationId: 'voteReview',
  security: [],
  tags: ['Public'],
  summary: 'Vote a review helpful or unhelpful',
  description:
    'One vote per voter token and review; voting the other way replaces the vote. One client address adds at most ' +
    `${VOTES_PER_ADDRESS} votes to a review, however many voter tokens it uses (VOTE_LIMIT_REACHED after that).`,
  request: { params: ReviewParams, body: jsonBody(VoteSchema) },
  responses: {
    200: json(VoteResultSchema, 'The vote counts after this vote'),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
});

votes.openapi(voteRoute, async (c) => {
  const { id } = c.req.valid('param');
  const { value, voter } = c.req.valid('json');
  const result = await castVote(c.var.db, {
    storeId: c.var.store.id,
    reviewId: id,
    ...(await voterIdentity(c.var.store, voter, c.var.clientAddress)),
    maxPerAddress: VOTES_PER_ADDRESS,
    value: value === 'helpful' ? 1 : -1,
    now: c.var.now,
  });
  if (result.outcome === 'not_found') throw notFound(`review "${id}"`);
  if (result.outcome === 'capped') throw voteLimitReached('review', { helpfulCount: result.helpfulCount, unhelpfulCount: result.unhelpfulCount });
  if (result.outcome === 'unchanged') {
    throw new ApiError('ALREADY_VOTED', `this voter has already voted this review ${value}`, {
      helpfulCount: result.helpfulCount,
      unhelpfulCount: result.unhelpfulCount,
    });
  }
  return c.json({ helpfulCount: result.helpfulCount, unhelpfulCount: result.unhelpfulCount }, 200);
});

const reportRoute = createRoute({
  method: 'post',
  path: '/{store}/reviews/{id}/reports',
  operationId: 'reportReview',
  security: [],
  tags: ['Public'],
  summary: 'Report a review to the merchant',
  request: { params: ReviewParams, body: jsonBody(ReportSchema) },
  responses: {
    202: json(z.object({ status: z.literal('received') }), 'The merchant will see the report'),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
});

votes.openapi(reportRoute, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const storeId = c.var.store.id;
  const outcome = await fileReport(c.var.db, {
    id: randomId('rp'),
    storeId,
    reviewId: id,
    reporter: await hashVoterToken(storeId, input.reporter),
    reason: input.reason,
    note: input.note || null,
    now: c.var.now,
  });
  if (outcome === 'not_found') throw notFound(`review "${id}"`);
  if (outcome === 'duplicate') throw new ApiError('CONFLICT', 'this reporter has already reported this review');
  return c.json({ status: 'received' as const }, 202);
});
