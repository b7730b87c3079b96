/** Liveness with substance: the database answers and its schema is the one this build expects. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { expectedMigrations, latestMigration } from '../../db/schema-version';
import type { AppEnv } from '../env';
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
    let applied = 0;
    let reachable = true;
    try {
      await c.var.db.run(sql`SELECT 1`);
      const rows = await c.var.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`);
      applied = Number(rows[0]?.n ?? 0);
    } catch (err) {
      // An unmigrated database has no __drizzle_migrations table: reachable, schema 0.
      reachable = !(err instanceof Error) || /no such table/i.test(err.message);
    }
    const current = applied === expectedMigrations;
    const body = {
      status: reachable && current ? ('ok' as const) : ('degraded' as const),
      database: reachable ? ('reachable' as const) : ('unreachable' as const),
      schema: { applied, expected: expectedMigrations, latest: latestMigration, current },
    };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  },
);
