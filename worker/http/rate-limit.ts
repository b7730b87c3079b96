/** Applies the runtime's rate limiter to public writes, keyed by store and client address. */
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context';
import { ApiError } from '../errors';

export const rateLimit = (deps: Pick<AppDeps, 'rateLimiter' | 'clientAddress'>): MiddlewareHandler<AppEnv> =>
  async function rateLimit(c, next) {
    if (c.req.method !== 'POST') return next();
    // Without a trustworthy address every anonymous client shares one bucket:
    // stricter than needed, but never a way around the limit.
    const address = deps.clientAddress(c) ?? 'unknown';
    const { allowed, retryAfterSeconds } = await deps.rateLimiter.limit(`${c.req.param('store')}:${address}`);
    if (!allowed) {
      throw new ApiError('RATE_LIMITED', `too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds }, {
        'Retry-After': String(retryAfterSeconds),
      });
    }
    return next();
  };
