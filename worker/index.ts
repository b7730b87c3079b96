/**
 * Cloudflare Workers entry. libSQL is reached over HTTP (Turso or sqld in
 * production, the local Hrana endpoint under `npm run dev`); the schema is
 * migrated by the CLI, never on a request.
 */
import { EmailMessage } from 'cloudflare:email';
import { createClient } from '@libsql/client/web';
import { Hono } from 'hono';
import { createDb } from '../db/client';
import { readVersionStamps } from '../db/queries/content-versions';
import { rememberedStores } from '../db/queries/stores';
import { cacheApiAnswerStore } from './http/cache-api-store';
import { publicCache } from './http/public-cache';
import type { z } from 'zod';
import { createApp, type App } from './app';
import { parseEnv, WorkerEnvSchema } from './config';
import { cloudflareEmailTransport, httpTransport, type EmailTransport, type SendEmailBinding } from './email/transport';
import { bindingRateLimiter, unlimited, type RateLimitBinding } from './lib/rate-limiter';
import { runScheduler } from './domain/review-requests';
import { r2Storage } from './media/storage';
import { cleanupUploads } from './media/cleanup';

export interface WorkerEnv {
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** Cloudflare Rate Limiting binding for public writes ([[ratelimits]] in wrangler.toml). */
  PUBLIC_WRITES?: RateLimitBinding;
  /** Must match the binding's `period` in wrangler.toml (10 or 60). */
  PUBLIC_WRITES_PERIOD?: string;
  /** This Worker's public URL: every link in emails, canonical URL and sitemap uses it. Required. */
  PUBLIC_URL?: string;
  /** Cloudflare Email Sending binding (send_email in wrangler.toml), or: */
  EMAIL?: SendEmailBinding;
  /** a Resend-style HTTP email API. */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  /** Where Turnstile tokens are checked; Cloudflare's siteverify unless set. */
  TURNSTILE_VERIFY_URL?: string;
  /** The Turnstile script the storefront forms load; Cloudflare's unless set. */
  TURNSTILE_SCRIPT_URL?: string;
  /** "on" serves the /demo storefront; a deployed Worker has none unless asked (`npm run dev` turns it on). */
  DEMO?: string;
  /** R2 bucket for review photos and videos ([[r2_buckets]] in wrangler.toml); without it uploads answer UNAVAILABLE. */
  MEDIA?: R2Bucket;
}

type WorkerConfig = z.output<typeof WorkerEnvSchema>;

// Parsed once per env object (one per isolate and deployment), not per request.
const configs = new WeakMap<WorkerEnv, WorkerConfig>();
function configFor(env: WorkerEnv): WorkerConfig {
  let config = configs.get(env);
  if (!config) configs.set(env, (config = parseEnv(WorkerEnvSchema, env as unknown as Record<string, unknown>)));
  return config;
}

function transportFor(env: WorkerEnv, config: WorkerConfig): EmailTransport {
  if (env.EMAIL) return cloudflareEmailTransport(env.EMAIL, (from, to, raw) => new EmailMessage(from, to, raw));
  if (config.EMAIL_API_KEY) return httpTransport({ endpoint: config.EMAIL_API_URL, apiKey: config.EMAIL_API_KEY });
  // Without a transport nothing is lost: messages wait in the outbox, retried until one is configured.
  return { name: 'none', send: async () => Promise.reject(new Error('no email transport configured: bind EMAIL or set EMAIL_API_KEY')) };
}

/** A database client for one request or one scheduled run: Workers I/O objects must not outlive it. */
const databaseFor = (config: WorkerConfig) => createDb(createClient({ url: config.LIBSQL_URL, authToken: config.LIBSQL_AUTH_TOKEN }));

/**
 * The store scope's version that a public read's cache check saw (one
 * statement with the stamp), for that request's store lookup: a miss then uses
 * the store row this isolate remembers instead of a second round trip to
 * Turso. Writes, which the cache does not check, read the row.
 */
const storeVersions = new WeakMap<Request, { storeId: string; version: number }>();
const seenStoreVersion = (storeId: string, _scopes: ['store'], request?: Request) => {
  const seen = request && storeVersions.get(request);
  return seen?.storeId === storeId ? seen.version : undefined;
};

// The app holds no per-request state, so one per isolate and env is enough;
// the database client is made per request (a Workers I/O object must not
// outlive the request that created it).
const apps = new WeakMap<WorkerEnv, App>();

function appFor(env: WorkerEnv): App {
  let app = apps.get(env);
  if (!app) {
    const config = configFor(env);
    app = createApp({
      db: () => databaseFor(config),
      clock: Date.now,
      rateLimiter: env.PUBLIC_WRITES ? bindingRateLimiter(env.PUBLIC_WRITES, config.PUBLIC_WRITES_PERIOD) : unlimited,
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
      // Links and canonical URLs never follow a request's (forgeable) Host.
      publicUrl: config.PUBLIC_URL,
      demo: config.DEMO,
      turnstileVerifyUrl: config.TURNSTILE_VERIFY_URL,
      turnstileScriptUrl: config.TURNSTILE_SCRIPT_URL,
      media: env.MEDIA && r2Storage(env.MEDIA),
      store: rememberedStores(seenStoreVersion),
    });
    apps.set(env, app);
  }
  return app;
}

/**
 * Public answers from the Cache API, keyed by the versions of what they show
 * (worker/http/public-cache.ts): a hit costs one small query instead of the
 * app's three or four.
 */
const fronts = new WeakMap<WorkerEnv, Hono<{ Bindings: WorkerEnv }>>();

function frontFor(env: WorkerEnv): Hono<{ Bindings: WorkerEnv }> {
  let front = fronts.get(env);
  if (!front) {
    const config = configFor(env);
    front = new Hono<{ Bindings: WorkerEnv }>();
    front.use(
      publicCache({
        // `caches.default` is Cloudflare's; the DOM's CacheStorage type, also in scope, lacks it.
        store: cacheApiAnswerStore((caches as unknown as { default: Cache }).default, new URL(config.PUBLIC_URL).origin),
        versions: async (c, storeId, scopes) => {
          const { stamp, store } = await readVersionStamps(databaseFor(config), storeId, scopes);
          storeVersions.set(c.req.raw, { storeId, version: store });
          return stamp;
        },
        defer: (c, work) => c.executionCtx.waitUntil(work),
      }),
    );
    front.all('*', (c) => appFor(env).fetch(c.req.raw, c.env, c.executionCtx));
    fronts.set(env, front);
  }
  return front;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return frontFor(env).fetch(request, env, ctx);
  },
  /** Cron Trigger: review requests, email delivery and the upload cleanup, one bounded batch each per run. */
  async scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const config = configFor(env);
    const db = databaseFor(config);
    await runScheduler(db, { now: controller.scheduledTime, baseUrl: config.PUBLIC_URL, transport: transportFor(env, config) });
    await cleanupUploads(db, env.MEDIA && r2Storage(env.MEDIA), controller.scheduledTime);
  },
} satisfies ExportedHandler<WorkerEnv>;
