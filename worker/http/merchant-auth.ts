/**
 * Authenticates merchant requests by secret key (`Authorization: Bearer sk_…`)
 * or by a dashboard session cookie, and confines them to their own store: a
 * key for store A, or a user who is not a member of B, asking about store B
 * is refused the same way whether or not B exists. Routes get the store row
 * as `c.get('merchantStore')`, so none looks it up again.
 */
import type { MiddlewareHandler } from 'hono';
import { getMemberRole } from '../../db/queries/admin-users';
import { findStoreByKeyHash, getStore } from '../../db/queries/stores';
import { hashSecretKey } from '../domain/store-keys';
import { userActor } from '../domain/admin-accounts';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';
import { checkCsrf, loadSession } from './admin-session';

export const merchantAuth = (): MiddlewareHandler<AppEnv> =>
  async function merchantAuth(c, next) {
    const header = c.req.header('authorization');
    const requested = c.req.param('store');
    if (header === undefined) {
      const signedIn = await loadSession(c);
      if (signedIn) {
        checkCsrf(c, signedIn);
        const role = requested === undefined ? undefined : await getMemberRole(c.get('db'), requested, signedIn.user.id);
        const store = role && (await getStore(c.get('db'), requested!));
        if (!role || !store) throw new ApiError('FORBIDDEN', `your account does not grant access to store "${requested}"`);
        c.set('merchantStore', store);
        c.set('actor', userActor(signedIn.user));
        c.set('role', role);
        return next();
      }
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw new ApiError('UNAUTHORIZED', 'send the store secret key as "Authorization: Bearer <secret key>", or sign in to the dashboard', undefined, {
        'WWW-Authenticate': 'Bearer realm="verity"',
      });
    }
    const store = await findStoreByKeyHash(c.get('db'), await hashSecretKey(match[1]!));
    if (!store) {
      throw new ApiError('UNAUTHORIZED', 'this secret key is not valid (it may have been rotated)', undefined, {
        'WWW-Authenticate': 'Bearer realm="verity", error="invalid_token"',
      });
    }
    if (requested !== undefined && requested !== store.id) {
      throw new ApiError('FORBIDDEN', `this key does not grant access to store "${requested}"`);
    }
    c.set('merchantStore', store);
    // The key is the store's master credential: it may do everything an owner may.
    c.set('actor', { kind: 'key', id: match[1]!.slice(0, 10), label: `${match[1]!.slice(0, 10)}…` });
    c.set('role', 'owner');
    return next();
  };
