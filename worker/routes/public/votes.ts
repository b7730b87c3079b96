/** Helpful votes and abuse reports on published reviews. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { VOTES_PER_ADDRESS } from '../../domain/voters';
import { report, voteOnReview } from '../../domain/votes';
import { domainContext, type AppEnv } from '../../context';
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
  return c.json(await voteOnReview(domainContext(c, c.get('store')), id, { value, voter, clientAddress: c.get('clientAddress') }), 200);
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
  await report(domainContext(c, c.get('store')), { kind: 'review', id: c.req.valid('param').id }, c.req.valid('json'));
  return c.json({ status: 'received' as const }, 202);
});
