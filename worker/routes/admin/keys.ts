/** Replacing a store's keys from the dashboard (owners), as `stores rotate-keys` does from the shell. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { recordAudit } from '../../../db/queries/audit';
import type { AppEnv } from '../../context';
import { rotateStoreKeys } from '../../domain/store-keys';
import { validationHook } from '../../http/validation';
import { KeysSchema } from '../../schemas/admin-access';
import { errorResponses, json, StoreParams } from '../../schemas/common';

export const adminKeys = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

adminKeys.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/keys/rotate',
    operationId: 'rotateKeys',
    tags: ['Dashboard'],
    security: [{ secretKey: [] }],
    summary: 'New public key, secret key and webhook secret (owners); shown once',
    description: 'The old secret key and webhook secret stop working at once: update the platform integration and any scripts.',
    request: { params: StoreParams },
    responses: { 200: json(KeysSchema, 'The new keys'), ...errorResponses(401, 403) },
  }),
  async (c) => {
    const keys = await rotateStoreKeys(c.get('db'), c.get('merchantStore').id, c.get('now'));
    // Never the keys themselves: the log says that they changed and which public key is current.
    await recordAudit(c.get('db'), { storeId: c.get('merchantStore').id, actor: c.get('actor'), action: 'keys.rotate', target: { kind: 'store', id: c.get('merchantStore').id }, details: { publicKey: keys.publicKey, secretKeyPrefix: keys.secretKey.slice(0, 10) }, at: c.get('now') });
    c.header('Cache-Control', 'no-store');
    return c.json(keys, 200);
  },
);
