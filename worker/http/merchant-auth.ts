/**
 * Authenticates merchant requests by secret key (`Authorization: Bearer sk_…`)
 * and confines them to the key's own store: a key for store A asking about
 * store B is refused the same way whether or not B exists. Routes get the
 * key's store row as `c.var.merchantStore`, so none looks it up again.
 */
import type { MiddlewareHandler } from 'hono';
import { findStoreByKeyHash } from '../../db/queries/stores';
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
    const store = await findStoreByKeyHash(c.var.db, await hashSecretKey(match[1]!));
    if (!store) {
      throw new ApiError('UNAUTHORIZED', 'this secret key is not valid (it may have been rotated)', undefined, {
        'WWW-Authenticate': 'Bearer realm="verity", error="invalid_token"',
      });
    }
    const requested = c.req.param('store');
    if (requested !== undefined && requested !== store.id) {
      throw new ApiError('FORBIDDEN', `this key does not grant access to store "${requested}"`);
    }
    c.set('merchantStore', store);
    // The key is the store's master credential: it may do everything an owner may.
    c.set('actor', { kind: 'key', id: match[1]!.slice(0, 10), label: `${match[1]!.slice(0, 10)}…` });
    c.set('role', 'owner');
    return next();
  };
