/**
 * Cloudflare Workers entry. libSQL is reached over HTTP (Turso or sqld in
 * production, the local Hrana endpoint under `npm run dev`); the schema is
 * migrated by the CLI, never on a request.
 */
import { createClient } from '@libsql/client/web';
import { createDb } from '../db/client';
import { createApp, type App } from './app';
import { bindingRateLimiter, unlimited, type RateLimitBinding } from './rate-limit';

export interface WorkerEnv {
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** Cloudflare Rate Limiting binding for public writes ([[ratelimits]] in wrangler.toml). */
  PUBLIC_WRITES?: RateLimitBinding;
  /** Must match the binding's `period` in wrangler.toml (10 or 60). */
  PUBLIC_WRITES_PERIOD?: string;
}

// The app holds no per-request state, so one per isolate and env is enough;
// the database client is made per request (a Workers I/O object must not
// outlive the request that created it).
const apps = new WeakMap<WorkerEnv, App>();

function appFor(env: WorkerEnv): App {
  let app = apps.get(env);
  if (!app) {
    if (!env.LIBSQL_URL) throw new Error('LIBSQL_URL is not set: point it at your Turso or sqld database');
    app = createApp({
      db: () => createDb(createClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN })),
      clock: Date.now,
      rateLimiter: env.PUBLIC_WRITES ? bindingRateLimiter(env.PUBLIC_WRITES, Number(env.PUBLIC_WRITES_PERIOD ?? 60)) : unlimited,
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
    });
    apps.set(env, app);
  }
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<WorkerEnv>;
