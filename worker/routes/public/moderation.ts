/** A store's public moderation figures as JSON: what the page /stores/:store/moderation shows. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { moderationFigures, MODERATION_MONTHS } from '../../domain/insights';
import { validationHook } from '../../http/validation';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { ModerationFiguresSchema } from '../../schemas/insights';

export const moderation = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

moderation.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/moderation',
    tags: ['Public'],
    operationId: 'getModerationFigures',
    security: [],
    summary: 'How the store’s reviews are checked, and how many were published, rejected or marked spam per month',
    description: `Months of receipt (UTC) over the last ${MODERATION_MONTHS}, each review counted under its current status; the policy in sentences generated from the store’s settings.`,
    request: { params: StoreParams },
    responses: { 200: json(ModerationFiguresSchema, 'The store’s moderation figures'), ...errorResponses(400, 404) },
  }),
  async (c) => c.json(await moderationFigures(c.get('db'), c.get('store'), c.get('now')), 200),
);
