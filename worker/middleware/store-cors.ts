/**
 * Resolves the store of a public route and applies its CORS policy: a browser
 * on one of the store's allowed origins may call the API; any other origin gets
 * no CORS headers for reads (so its page cannot read them) and a 403 for
 * preflights and writes. Requests without an Origin (servers, curl) pass, and
 * so do Verity's own origin's pages.
 */
import type { MiddlewareHandler } from 'hono';
import { getStore } from '../../db/queries/stores';
import type { AppEnv } from '../env';
import { ApiError, notFound } from '../errors';

const ALLOWED_HEADERS = 'Content-Type, X-Verity-Voter';
const MAX_AGE = '600';

export const storeCors = (): MiddlewareHandler<AppEnv> =>
  async function storeCors(c, next) {
    const storeId = c.req.param('store') ?? '';
    const store = await getStore(c.var.db, storeId);
    if (!store) throw notFound(`store "${storeId}"`);
    c.set('store', store);

    const origin = c.req.header('origin');
    c.header('Vary', 'Origin', { append: true });
    if (!origin) return next();
    // Verity's own pages (/demo, question pages, the hosted review page) are always allowed.
    const own = origin === c.var.baseUrl || origin === new URL(c.req.url).origin;
    const allowed = own || store.allowedOrigins.includes('*') || store.allowedOrigins.includes(origin);
    const preflight = c.req.method === 'OPTIONS';
    if (!allowed) {
      if (preflight || c.req.method !== 'GET') {
        throw new ApiError('ORIGIN_NOT_ALLOWED', `origin ${origin} is not allowed for store "${store.id}"; add it to the store's allowed origins`);
      }
      return next();
    }
    c.header('Access-Control-Allow-Origin', origin);
    if (preflight) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', MAX_AGE);
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    return next();
  };
