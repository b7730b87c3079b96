/**
 * Middleware that runs `chain` in order, except for requests whose path
 * matches `skip`. What `except` from hono/combine does, without its cost:
 * that builds a router match and a fresh compose of closures on every
 * request, a tenth of a public cache miss's CPU for a few string tests.
 *
 * As in Hono's own compose, a middleware of the chain may answer (return a
 * Response without calling next, as CORS preflights do) and that becomes the
 * response; each one sees the route index (and so the path params) of the
 * `use` that mounted the chain.
 */
import type { Context, Env, MiddlewareHandler, Next } from 'hono';

export function unless<E extends Env>(skip: RegExp, ...chain: Array<MiddlewareHandler<E>>): MiddlewareHandler<E> {
  async function run(i: number, c: Context<E>, next: Next, routeIndex: number): Promise<void> {
    if (i === chain.length) return next();
    c.req.routeIndex = routeIndex;
    const res = await chain[i]!(c, () => run(i + 1, c, next, routeIndex));
    if (res && !c.finalized) c.res = res;
  }
  return function unless(c, next) {
    return skip.test(c.req.path) ? next() : run(0, c, next, c.req.routeIndex);
  };
}
