/** Liveness with substance: the database answers and its schema is the one this build expects. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { schemaState } from '../../db/queries/health';
import { expectedMigrations, latestMigration } from '../../db/schema-version';
import type { AppEnv } from '../context';
import { json } from '../schemas/common';

export const health = new OpenAPIHono<AppEnv>();

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['reachable', 'unreachable']),
    schema: z.object({ applied: z.number().int(), expected: z.number().int(), latest: z.string(), current: z.boolean() }),
  })
  .openapi('Health');

health.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    security: [],
    tags: ['Operations'],
    summary: 'Database reachable and schema version',
    responses: { 200: json(HealthSchema, 'Healthy'), 503: json(HealthSchema, 'Database unreachable or schema behind') },
  }),
  async (c) => {
    const { reachable, applied } = await schemaState(c.get('db'));
    const current = applied === expectedMigrations;
    const body = {
      status: reachable && current ? ('ok' as const) : ('degraded' as const),
      database: reachable ? ('reachable' as const) : ('unreachable' as const),
      schema: { applied, expected: expectedMigrations, latest: latestMigration, current },
    };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  },
);
