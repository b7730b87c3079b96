/**
 * Resolves the store of a public route and applies its cross-origin rules.
 *
 * Published reviews and answers are public data, so every public response
 * carries `Access-Control-Allow-Origin: *` (no credentials are ever used):
 * pasting the snippet on a new storefront shows reviews before any set-up.
 * Writes are what the store's allowed origins guard. A browser always sends
 * an honest Origin, so a write from an origin the store has not listed is
 * refused here with ORIGIN_NOT_ALLOWED — readable by the page (preflights
 * pass for every origin), so the element can tell the shopper and name the
 * origin to allow for the developer. Requests without an Origin (servers,
 * curl) pass, and so do pages on Verity's own public origin.
 */
import type { MiddlewareHandler } from 'hono';
import { getStore } from '../../db/queries/stores';
import { originAllowed } from '../domain/origins';
import type { AppEnv } from '../context';
import type { Db } from '../../db/client';
import type { Store } from '../../db/schema';
import { ApiError, notFound } from '../errors';

const ALLOWED_HEADERS = 'Content-Type, X-Verity-Voter';
const MAX_AGE = '600';

export const storeCors = (findStore: (db: Db, id: string, request: Request) => Promise<Store | undefined> = getStore): MiddlewareHandler<AppEnv> =>
  async function storeCors(c, next) {
    // Set first, so even NOT_FOUND and the refusal below are readable by the page.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', MAX_AGE);
      return c.body(null, 204);
    }

    const storeId = c.req.param('store') ?? '';
    const store = await findStore(c.get('db'), storeId, c.req.raw);
    if (!store) throw notFound(`store "${storeId}"`);
    c.set('store', store);

    const origin = c.req.header('origin');
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (reading || !origin || origin === c.get('baseUrl') || originAllowed(store.allowedOrigins, origin)) return next();
    throw new ApiError(
      'ORIGIN_NOT_ALLOWED',
      `writes from ${origin} are not allowed for store "${store.id}"; add it to the store's allowedOrigins`,
      { origin },
    );
  };
