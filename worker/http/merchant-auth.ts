/**
 * Authenticates merchant requests by secret key (`Authorization: Bearer sk_…`)
 * and confines them to the key's own store: a key for store A asking about
 * store B is refused the same way whether or not B exists.
 */
import type { MiddlewareHandler } from 'hono';
import { findStoreIdByKeyHash } from '../../db/queries/stores';
import { hashSecretKey } from '../domain/store-keys';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';

export const merchantAuth = (): MiddlewareHandler<AppEnv> =>
  async function merchantAuth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new ApiError('UNAUTHORIZED', 'send the store secret key as "Authorization: Bearer <secret key>"', undefined, {
        'WWW-Authenticate': 'Bearer realm="verity"',
      });
    }
    const storeId = await findStoreIdByKeyHash(c.var.db, await hashSecretKey(match[1]!));
    if (!storeId) {
      throw new ApiError('UNAUTHORIZED', 'this secret key is not valid (it may have been rotated)', undefined, {
        'WWW-Authenticate': 'Bearer realm="verity", error="invalid_token"',
      });
    }
    const requested = c.req.param('store');
    if (requested !== undefined && requested !== storeId) {
      throw new ApiError('FORBIDDEN', `this key does not grant access to store "${requested}"`);
    }
    c.set('merchantStoreId', storeId);
    // The key is the store's master credential: it may do everything an owner may.
    c.set('actor', { kind: 'key', id: match[1]!.slice(0, 10), label: `${match[1]!.slice(0, 10)}…` });
    c.set('role', 'owner');
    return next();
  };
