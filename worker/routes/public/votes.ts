/** Helpful votes and abuse reports on published reviews. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { castVote, fileReport } from '../../../db/queries/votes';
import { randomId, sha256Hex } from '../../crypto';
import type { AppEnv } from '../../env';
import { ApiError, notFound } from '../../errors';
import { errorResponses, json, jsonBody, ReviewParams } from '../../schemas/common';
import { ReportSchema, VoteResultSchema, VoteSchema } from '../../schemas/reviews';
import { validationHook } from '../../validation';

export const votes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** Voter tokens are stored hashed with the store, so a token seen in one store means nothing in another. */
const hashToken = (storeId: string, token: string) => sha256Hex(`${storeId}:${token}`);

const voteRoute = createRoute({
  method: 'post',
  path: '/{store}/reviews/{id}/votes',
  tags: ['Public'],
  summary: 'Vote a review helpful or unhelpful',
  description: 'One vote per voter token and review; voting the other way replaces the vote.',
  request: { params: ReviewParams, body: jsonBody(VoteSchema) },
  responses: {
    200: json(VoteResultSchema, 'The vote counts after this vote'),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
});

votes.openapi(voteRoute, async (c) => {
  const { id } = c.req.valid('param');
  const { value, voter } = c.req.valid('json');
  const storeId = c.var.store.id;
  const result = await castVote(c.var.db, {
    storeId,
    reviewId: id,
    voter: await hashToken(storeId, voter),
    value: value === 'helpful' ? 1 : -1,
    now: c.var.now,
  });
  if (result.outcome === 'not_found') throw notFound(`review "${id}"`);
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
    reporter: await hashToken(storeId, input.reporter),
    reason: input.reason,
    note: input.note || null,
    now: c.var.now,
  });
  if (outcome === 'not_found') throw notFound(`review "${id}"`);
  if (outcome === 'duplicate') throw new ApiError('CONFLICT', 'this reporter has already reported this review');
  return c.json({ status: 'received' as const }, 202);
});
