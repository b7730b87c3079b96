/**
 * What a moderator may do, in one place for every store-scoped route: read
 * everything but the people and the keys, and change content — moderation,
 * replies, official answers, the accepted answer, their own notifications.
 * Everything else is for owners. A route nobody has listed here is owner-only
 * for changes, so a new settings route cannot be opened to moderators by mistake.
 *
 * Decided on the route that will answer (its template, e.g.
 * `/v1/admin/stores/:store/reviews/:id`), not on the URL's text, so no
 * spelling of a URL (percent-encoding, slashes) can dodge a rule.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';

/** Changes a moderator may make, as `METHOD /template` after `/v1/admin/stores/:store` (`:` is any parameter). */
const moderatorChanges = new Set([
  'PATCH /reviews/:',
  'POST /reviews/moderate',
  'PUT /reviews/:/reply',
  'DELETE /reviews/:/reply',
  'PATCH /questions/:',
  'PATCH /answers/:',
  'POST /qa/moderate',
  'POST /inbox/moderate',
  'PUT /questions/:/answer',
  'DELETE /questions/:/answer',
  'POST /questions/:/accept',
  'PUT /notifications',
  'PATCH /media/:',
]);

/** Reads that are for owners: the store's people, its keys, the wording of its emails, and imports and exports (whole files of reviewers' emails). */
const ownerReads = /^GET \/(?:members|invites|keys|email-templates|imports|exports)(?:\/|$)/;

/** Whether a moderator may make this request; `template` is the route's path after `/v1/admin/stores/:store`. */
export function moderatorMay(method: string, template: string): boolean {
  const request = `${method === 'HEAD' ? 'GET' : method} ${template || '/'}`;
  if (method === 'GET' || method === 'HEAD') return !ownerReads.test(request);
  return moderatorChanges.has(request);
}

export const ownersOnly = () => new ApiError('FORBIDDEN', 'owners only: ask an owner of this store');

const STORE_PREFIX = '/v1/admin/stores/:store';

/** After merchantAuth: refuses a moderator what only owners may do. */
export const roleGuard = (): MiddlewareHandler<AppEnv> =>
  async function roleGuard(c, next) {
    if (c.get('role') === 'owner') return next();
    const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
    // No route will answer: the app's 404, which changes nothing.
    if (!handler) return next();
    const template = handler.path.replace(/:\w+(?:\{[^}]*\})?/g, ':');
    const subpath = template.startsWith(STORE_PREFIX.replace(/:\w+/, ':')) ? template.slice(STORE_PREFIX.replace(/:\w+/, ':').length) : template;
    if (!moderatorMay(c.req.method, subpath)) throw ownersOnly();
    return next();
  };
