/** The store's audit log: who changed what and when, newest first. Read-only: nothing can edit it. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listAudit } from '../../../db/queries/audit';
import type { AppEnv } from '../../context';
import { validationHook } from '../../http/validation';
import { AuditListSchema, AuditQuery } from '../../schemas/admin-access';
import { errorResponses, json, StoreParams } from '../../schemas/common';

export const adminAudit = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

adminAudit.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/audit',
    operationId: 'listAudit',
    tags: ['Dashboard'],
    security: [{ secretKey: [] }],
    summary: 'The audit log, newest first, by action or actor',
    description: 'Page with `before=<nextBefore>`. Every moderation, reply, answer, settings, member and key change is here, by a user, a key or Verity itself.',
    request: { params: StoreParams, query: AuditQuery },
    responses: { 200: json(AuditListSchema, 'One page of entries'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { action, actor, before, limit } = c.req.valid('query');
    const page = await listAudit(c.get('db'), { storeId: c.get('merchantStore').id, action, actorId: actor, before, limit });
    return c.json(
      {
        entries: page.items.map((e) => ({
          seq: e.seq,
          at: new Date(e.at).toISOString(),
          actor: { kind: e.actorKind, id: e.actorId, label: e.actorLabel },
          action: e.action,
          target: e.targetKind && e.targetId ? { kind: e.targetKind, id: e.targetId } : null,
          details: e.details,
        })),
        nextBefore: page.nextBefore,
      },
      200,
    );
  },
);
