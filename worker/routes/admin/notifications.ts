/** A signed-in member's own choice of how to hear of new reviews and questions. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getNotificationPrefs, setNotificationPrefs } from '../../../db/queries/notifications';
import type { AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { validationHook } from '../../http/validation';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { NotificationPrefsSchema } from '../../schemas/notifications';

export const adminNotifications = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

/** Notifications are a person's: a secret key has no inbox to send them to. */
function memberId(c: Context<AppEnv>): string {
  if (c.get('actor').kind !== 'user') throw new ApiError('VALIDATION_FAILED', 'notifications belong to a signed-in user; sign in to the dashboard to choose yours');
  return c.get('actor').id;
}

adminNotifications.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/notifications',
    operationId: 'getNotifications',
    tags: ['Merchant'],
    security,
    summary: 'How the signed-in member hears of new reviews and questions',
    description: 'Session only: with the secret key the answer is 400 VALIDATION_FAILED.',
    request: { params: StoreParams },
    responses: { 200: json(NotificationPrefsSchema, 'The choice'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const prefs = await getNotificationPrefs(c.get('db'), c.get('merchantStore').id, memberId(c));
    if (!prefs) throw notFound('membership');
    return c.json(prefs, 200);
  },
);

adminNotifications.openapi(
  createRoute({
    method: 'put',
    path: '/{store}/notifications',
    operationId: 'putNotifications',
    tags: ['Merchant'],
    security,
    summary: 'Choose an email per item, a daily digest, or none (owners and moderators alike)',
    description: 'Turning the digest on starts it now; the first digest comes a day later with what arrived meanwhile.',
    request: { params: StoreParams, body: jsonBody(NotificationPrefsSchema) },
    responses: { 200: json(NotificationPrefsSchema, 'The choice as saved'), ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),
  async (c) => {
    const userId = memberId(c);
    const prefs = await setNotificationPrefs(c.get('db'), c.get('merchantStore').id, userId, c.req.valid('json'), c.get('now'));
    if (!prefs) throw notFound('membership');
    return c.json(prefs, 200);
  },
);
